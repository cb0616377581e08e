from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("c/<slug:slug>/export/", views.export_page, name="page"),
    path("c/<slug:slug>/export/open-data/", views.open_data, name="open_data"),
    path("c/<slug:slug>/export/openbare-bronnen.geojson", views.geojson_download, name="geojson"),
    path("c/<slug:slug>/export/hsds.json", views.hsds_download, name="hsds"),
    path("c/<slug:slug>/export/bronnen.csv", views.assets_csv, name="assets_csv"),
    path("c/<slug:slug>/export/bronnen.xlsx", views.assets_xlsx, name="assets_xlsx"),
    path("c/<slug:slug>/export/bewoners.csv", views.residents_csv, name="residents_csv"),
    path("c/<slug:slug>/export/bewoners.xlsx", views.residents_xlsx, name="residents_xlsx"),
    path("c/<slug:slug>/export/archive/", views.archive_start, name="archive"),
    path("c/<slug:slug>/export/archive/<int:pk>/", views.archive_job, name="archive_job"),
    path(
        "c/<slug:slug>/export/archive/<int:pk>/collectief.zip",
        views.archive_file,
        name="archive_file",
    ),
    path(
        "members/<slug:slug>/open-data/bronnen.geojson",
        views.public_geojson,
        name="public_geojson",
    ),
    path("members/<slug:slug>/open-data/hsds.json", views.public_hsds, name="public_hsds"),
]

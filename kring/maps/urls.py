from django.urls import path

from . import views

app_name = "maps"
urlpatterns = [
    path("c/<slug:slug>/map/", views.map_page, name="map"),
    path("c/<slug:slug>/map/clusters.json", views.clusters_json, name="clusters"),
    path("c/<slug:slug>/map/buurten.geojson", views.boundaries_json, name="boundaries"),
    path("c/<slug:slug>/map/geocode.json", views.geocode_json, name="geocode"),
    path("c/<slug:slug>/map/kaart.svg", views.map_svg, name="svg"),
    path("c/<slug:slug>/map/kaart.png", views.map_png, name="png"),
    path("c/<slug:slug>/portrait/", views.portrait_page, name="portrait"),
    path("c/<slug:slug>/portrait/stories/<int:pk>/", views.portrait_story, name="portrait_story"),
    path("c/<slug:slug>/portrait/wijkportret.pdf", views.portrait_pdf, name="portrait_pdf"),
    path("c/<slug:slug>/portrait/wijkportret.png", views.portrait_png, name="portrait_png"),
]

from django.urls import path

from . import views

app_name = "selfscan"
urlpatterns = [
    path("municipality/selfscan/", views.index, name="index"),
    path("municipality/selfscan/start/", views.start, name="start"),
    path("municipality/selfscan/themes/<slug:theme>/", views.fill, name="fill"),
    path("municipality/selfscan/submit/", views.submit, name="submit"),
    path("municipality/selfscan/compare/", views.compare, name="compare"),
    path("municipality/selfscan/rounds/<int:round>/", views.results, name="results"),
    path("municipality/selfscan/rounds/<int:round>/close/", views.close, name="close"),
    path(
        "municipality/selfscan/rounds/<int:round>/selfscan.pdf",
        views.results_pdf,
        name="results_pdf",
    ),
]

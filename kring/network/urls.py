from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("c/<slug:slug>/network/", views.network_page, name="index"),
    path("c/<slug:slug>/network/analyse/", views.start, name="start"),
    path("c/<slug:slug>/network/analyses/<int:pk>/", views.progress, name="progress"),
    path("c/<slug:slug>/network/graph.json", views.graph_json, name="graph"),
    path("c/<slug:slug>/network/netwerk.svg", views.network_svg, name="svg"),
    path("c/<slug:slug>/network/netwerk.png", views.network_png, name="png"),
]

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("c/<slug:slug>/search/", views.search_view, name="search"),
]

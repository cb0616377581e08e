from django.urls import path

from . import views

app_name = "assets"
urlpatterns = [
    path("c/<slug:slug>/assets/", views.index, name="index"),
    path("c/<slug:slug>/conversation/", views.conversation, name="conversation"),
    path("c/<slug:slug>/conversation/paper/", views.paper_form, name="paper_form"),
    path("c/<slug:slug>/assets/<int:pk>/", views.asset_view, name="detail"),
    path("c/<slug:slug>/assets/<int:pk>/edit/", views.asset_edit, name="edit"),
    path("c/<slug:slug>/assets/<int:pk>/delete/", views.asset_delete, name="delete"),
    path("c/<slug:slug>/assets/<str:category>/", views.asset_index, name="list"),
    path("c/<slug:slug>/assets/<str:category>/new/", views.asset_create, name="create"),
]

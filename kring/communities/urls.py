from django.urls import path

from . import views

app_name = "communities"
urlpatterns = [
    path("c/<slug:slug>/", views.overview, name="overview"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/members/invite/", views.invite, name="invite"),
    path("c/<slug:slug>/members/<int:pk>/role/", views.change_role, name="change_role"),
    path("c/<slug:slug>/members/<int:pk>/remove/", views.remove, name="remove"),
    path("c/<slug:slug>/invitations/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("c/<slug:slug>/settings/", views.settings_view, name="settings"),
    path("invitation/<str:token>/", views.accept, name="accept"),
]

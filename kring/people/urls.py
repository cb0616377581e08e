from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("c/<slug:slug>/residents/", views.resident_index, name="list"),
    path("c/<slug:slug>/residents/pick/", views.resident_pick, name="pick"),
    path("c/<slug:slug>/residents/new/", views.resident_create, name="create"),
    path("c/<slug:slug>/residents/<int:pk>/", views.resident_view, name="detail"),
    path("c/<slug:slug>/residents/<int:pk>/edit/", views.resident_edit, name="edit"),
    path("c/<slug:slug>/residents/<int:pk>/consent/", views.resident_consent, name="consent"),
    path("c/<slug:slug>/residents/<int:pk>/invite/", views.resident_invite, name="invite"),
]

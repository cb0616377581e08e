from django.urls import path

from . import views

app_name = "joining"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/sent/", views.sent, name="sent"),
    path("join/confirm/<str:token>/", views.confirm, name="confirm"),
    path("editorial/collectives/", views.requests, name="requests"),
    path("editorial/collectives/<int:pk>/", views.detail, name="detail"),
    path("editorial/collectives/<int:pk>/erase/", views.erase_contact, name="erase_contact"),
]

from django.urls import path

from . import profile_views

app_name = "public_profile"
urlpatterns = [
    path("c/<slug:slug>/public-profile/", profile_views.edit, name="edit"),
    path("c/<slug:slug>/public-profile/preview/", profile_views.preview, name="preview"),
    path("c/<slug:slug>/public-profile/publish/", profile_views.publish, name="publish"),
]
urlpatterns += [
    path("c/<slug:slug>/public-profile/discard/", profile_views.discard, name="discard"),
]

from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("login/code/", views.verify, name="verify"),
    path("login/recovery/", views.recovery, name="recovery"),
    path("account/two-factor/", views.two_factor, name="two_factor"),
]

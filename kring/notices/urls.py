from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("notices/<str:token>/", views.preference, name="preference"),
    path("notices/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("followup/<str:token>/", views.followup, name="followup"),
    path("mijn/<slug:slug>/berichten/", views.mine, name="mine"),
    path(
        "c/<slug:slug>/residents/<int:pk>/notices/",
        views.resident_preference,
        name="resident",
    ),
    path("c/<slug:slug>/followups/", views.followup_list, name="followups"),
    path("c/<slug:slug>/followups/<int:pk>/", views.followup_answer, name="followup_answer"),
]

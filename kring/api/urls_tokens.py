from django.urls import path

from . import views

app_name = "api_tokens"
urlpatterns = [
    path("c/<slug:slug>/api-tokens/", views.token_index, name="list"),
    path("c/<slug:slug>/api-tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
    path("municipality/api-tokens/", views.municipality_token_index, name="municipality_list"),
    path(
        "municipality/api-tokens/<int:pk>/revoke/",
        views.municipality_token_revoke,
        name="municipality_revoke",
    ),
]

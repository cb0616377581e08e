from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("c/<slug:slug>/import/", views.index, name="index"),
    path("c/<slug:slug>/import/upload/", views.upload, name="upload"),
    path("c/<slug:slug>/import/<int:pk>/", views.detail, name="detail"),
    path("c/<slug:slug>/import/<int:pk>/columns/", views.mapping, name="mapping"),
    path("c/<slug:slug>/import/<int:pk>/preview/", views.preview, name="preview"),
    path("c/<slug:slug>/import/<int:pk>/start/", views.start, name="start"),
    path("c/<slug:slug>/import/<int:pk>/discard/", views.discard, name="discard"),
    path("c/<slug:slug>/import/template/<slug:kind>.csv", views.template_csv, name="template_csv"),
    path(
        "c/<slug:slug>/import/template/<slug:kind>.xlsx", views.template_xlsx, name="template_xlsx"
    ),
]

from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("c/<slug:slug>/residents/<int:pk>/privacy/", views.resident_privacy, name="resident"),
    path(
        "c/<slug:slug>/residents/<int:pk>/privacy/export.json",
        views.resident_export_json,
        name="resident_json",
    ),
    path(
        "c/<slug:slug>/residents/<int:pk>/privacy/export.pdf",
        views.resident_export_pdf,
        name="resident_pdf",
    ),
    path("c/<slug:slug>/residents/<int:pk>/erase/", views.resident_erase, name="resident_erase"),
    path("c/<slug:slug>/erasures/", views.erasure_receipt_list, name="erasure_receipts"),
    path(
        "c/<slug:slug>/erasures/<int:pk>/",
        views.erasure_receipt_view,
        name="erasure_receipt",
    ),
    path("c/<slug:slug>/audit/", views.audit_log, name="audit_log"),
    path("me/", views.my_data, name="my_data"),
    path("me/export.json", views.my_export_json, name="my_json"),
    path("me/export.pdf", views.my_export_pdf, name="my_pdf"),
    path("me/edit/", views.my_edit, name="my_edit"),
    path("me/erase/", views.my_erase, name="my_erase"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]

from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("c/<slug:slug>/sharing/", views.sharing, name="sharing"),
    path("municipality/impact/", views.dashboard_page, name="dashboard"),
    path("municipality/impact/targets/", views.target, name="target"),
    path("municipality/impact/reports/", views.report_start, name="report_start"),
    path("municipality/impact/reports/<int:pk>/", views.report, name="report"),
    path("municipality/impact/reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("municipality/impact/reports/<int:pk>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("municipality/impact/reports/<int:pk>/csv/", views.report_csv, name="report_csv"),
]

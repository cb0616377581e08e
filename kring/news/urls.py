from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("c/<slug:slug>/news/", views.index, name="index"),
    path("c/<slug:slug>/news/new/", views.edit, name="new"),
    path("c/<slug:slug>/news/<int:pk>/", views.edit, name="edit"),
    path("c/<slug:slug>/news/<int:pk>/preview/", views.preview, name="preview"),
    path("c/<slug:slug>/news/<int:pk>/test/", views.test_mail, name="test"),
    path("c/<slug:slug>/news/<int:pk>/send/", views.send, name="send"),
    path("c/<slug:slug>/news/<int:pk>/report/", views.report, name="report"),
    path("c/<slug:slug>/news/<int:pk>/paper.pdf", views.paper_pdf, name="paper_pdf"),
    path("c/<slug:slug>/news/<int:pk>/doors/", views.door_list, name="door_list"),
    path("news/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

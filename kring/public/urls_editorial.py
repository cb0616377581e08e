from django.urls import path

from . import editorial, editorial_academy

app_name = "editorial"
urlpatterns = [
    path("editorial/", editorial.index, name="index"),
    path("editorial/images/", editorial.image_upload, name="image_upload"),
    path("editorial/articles/new/", editorial.article_edit, name="article_new"),
    path("editorial/articles/<int:pk>/", editorial.article_edit, name="article_edit"),
    path(
        "editorial/articles/<int:pk>/delete/",
        editorial.delete,
        {"kind": "article"},
        name="article_delete",
    ),
    path("editorial/publications/new/", editorial.publication_edit, name="publication_new"),
    path("editorial/publications/<int:pk>/", editorial.publication_edit, name="publication_edit"),
    path(
        "editorial/publications/<int:pk>/delete/",
        editorial.delete,
        {"kind": "publication"},
        name="publication_delete",
    ),
    path("editorial/meetings/new/", editorial.meeting_edit, name="meeting_new"),
    path("editorial/meetings/<int:pk>/", editorial.meeting_edit, name="meeting_edit"),
    path(
        "editorial/meetings/<int:pk>/delete/",
        editorial.delete,
        {"kind": "meeting"},
        name="meeting_delete",
    ),
    path(
        "editorial/meetings/<int:pk>/registrations/",
        editorial_academy.registrations,
        name="meeting_registrations",
    ),
    path(
        "editorial/meetings/<int:pk>/registrations.csv",
        editorial_academy.registrations_download,
        {"fmt": "csv"},
        name="meeting_registrations_csv",
    ),
    path(
        "editorial/meetings/<int:pk>/registrations.xlsx",
        editorial_academy.registrations_download,
        {"fmt": "xlsx"},
        name="meeting_registrations_xlsx",
    ),
    path(
        "editorial/meetings/<int:pk>/mails/new/",
        editorial_academy.meeting_mail_new,
        name="meeting_mail_new",
    ),
    path(
        "editorial/meeting-mails/<int:pk>/",
        editorial_academy.meeting_mail_edit,
        name="meeting_mail_edit",
    ),
    path(
        "editorial/meeting-mails/<int:pk>/preview/",
        editorial_academy.meeting_mail_preview,
        name="meeting_mail_preview",
    ),
    path(
        "editorial/meeting-mails/<int:pk>/send/",
        editorial_academy.meeting_mail_send,
        name="meeting_mail_send",
    ),
    path(
        "editorial/meeting-mails/<int:pk>/report/",
        editorial_academy.meeting_mail_report,
        name="meeting_mail_report",
    ),
    path("editorial/pictures/new/", editorial.picture_edit, name="picture_new"),
    path("editorial/pictures/<int:pk>/", editorial.picture_edit, name="picture_edit"),
    path("editorial/newsletters/new/", editorial.newsletter_edit, name="newsletter_new"),
    path("editorial/newsletters/<int:pk>/", editorial.newsletter_edit, name="newsletter_edit"),
    path(
        "editorial/newsletters/<int:pk>/preview/",
        editorial.newsletter_preview,
        name="newsletter_preview",
    ),
    path(
        "editorial/newsletters/<int:pk>/preview/mail.html",
        editorial.newsletter_preview_mail,
        name="newsletter_preview_mail",
    ),
    path("editorial/newsletters/<int:pk>/test/", editorial.newsletter_test, name="newsletter_test"),
    path("editorial/newsletters/<int:pk>/send/", editorial.newsletter_send, name="newsletter_send"),
    path(
        "editorial/newsletters/<int:pk>/cancel/",
        editorial.newsletter_cancel,
        name="newsletter_cancel",
    ),
    path(
        "editorial/newsletters/<int:pk>/report/",
        editorial.newsletter_report,
        name="newsletter_report",
    ),
]

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import contact_views, views
from .feeds import AtomNewsFeed, AtomNewsletterFeed, NewsFeed, NewsletterFeed
from .sitemaps import SITEMAPS

app_name = "public"
urlpatterns = [
    path("members/", views.members, name="members"),
    path("members/<slug:slug>/", views.member, name="member"),
    path("members/<slug:slug>/contact/", contact_views.member_contact, name="member_contact"),
    path(
        "members/<slug:slug>/contact/sent/",
        contact_views.member_contact_sent,
        name="member_contact_sent",
    ),
    path("members/<slug:slug>/agenda/", views.member_agenda, name="agenda"),
    path("members/<slug:slug>/agenda.ics", views.member_agenda_ics, name="agenda_ics"),
    path("map/", views.member_map, name="map"),
    path("news/", views.news, name="news"),
    path("news/feed/rss/", NewsFeed(), name="feed_rss"),
    path("news/feed/atom/", AtomNewsFeed(), name="feed_atom"),
    path("news/<slug:article>/", views.article, name="article"),
    path("publications/", views.publications, name="publications"),
    path("publications/<slug:publication>/", views.publication, name="publication"),
    path(
        "publications/<slug:publication>/download/",
        views.publication_download,
        name="publication_download",
    ),
    path("academy/", views.academy, name="academy"),
    path("academy/pictures/", views.pictures, name="pictures"),
    path(
        "academy/pictures/<int:picture>/download/", views.picture_download, name="picture_download"
    ),
    path("academy/cancel/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("academy/<slug:meeting>/", views.meeting, name="meeting"),
    path("academy/<slug:meeting>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("newsletter/sent/", views.newsletter_sent, name="newsletter_sent"),
    path("newsletter/archive/", views.newsletter_archive, name="newsletter_archive"),
    path("newsletter/archive/feed/rss/", NewsletterFeed(), name="newsletter_feed_rss"),
    path("newsletter/archive/feed/atom/", AtomNewsletterFeed(), name="newsletter_feed_atom"),
    path("newsletter/archive/<int:pk>/", views.newsletter_issue, name="newsletter_issue"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

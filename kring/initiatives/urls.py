from django.urls import path

from . import activity_views, connection_views, views

app_name = "initiatives"
urlpatterns = [
    path("c/<slug:slug>/initiatives/", views.initiative_index, name="list"),
    path("c/<slug:slug>/initiatives/new/", views.initiative_create, name="create"),
    path("c/<slug:slug>/initiatives/<int:pk>/", views.initiative_view, name="detail"),
    path("c/<slug:slug>/initiatives/<int:pk>/edit/", views.initiative_edit, name="edit"),
    path("c/<slug:slug>/initiatives/<int:pk>/needs/", views.need_create, name="add_need"),
    path(
        "c/<slug:slug>/initiatives/<int:pk>/activities/new/",
        activity_views.activity_create,
        name="create_activity",
    ),
    path(
        "c/<slug:slug>/initiatives/<int:pk>/pledges/new/",
        views.pledge_create,
        name="create_pledge",
    ),
    path("c/<slug:slug>/needs/<int:pk>/status/", views.need_status, name="need_status"),
    path("c/<slug:slug>/needs/<int:pk>/delete/", views.need_delete, name="delete_need"),
    path("c/<slug:slug>/needs/<int:pk>/helpers/", views.need_helpers, name="helpers"),
    path("c/<slug:slug>/needs/<int:pk>/connect/", views.need_connect, name="connect"),
    path("c/<slug:slug>/activities/<int:pk>/", activity_views.activity_view, name="activity"),
    path(
        "c/<slug:slug>/activities/<int:pk>/edit/",
        activity_views.activity_edit,
        name="edit_activity",
    ),
    path(
        "c/<slug:slug>/activities/<int:pk>/delete/",
        activity_views.activity_delete,
        name="delete_activity",
    ),
    path(
        "c/<slug:slug>/activities/<int:pk>/attendance/",
        activity_views.activity_attendance,
        name="attendance",
    ),
    path("c/<slug:slug>/series/<int:pk>/", activity_views.series_view, name="series"),
    path("c/<slug:slug>/series/<int:pk>/edit/", activity_views.series_edit, name="edit_series"),
    path(
        "c/<slug:slug>/series/<int:pk>/delete/", activity_views.series_delete, name="delete_series"
    ),
    path(
        "c/<slug:slug>/series/<int:pk>/restore/", activity_views.series_restore, name="restore_date"
    ),
    path("c/<slug:slug>/agenda/", activity_views.agenda, name="agenda"),
    path(
        "c/<slug:slug>/places/<int:pk>/calendar/",
        activity_views.place_calendar,
        name="place_calendar",
    ),
    path("c/<slug:slug>/pledges/<int:pk>/delete/", views.pledge_delete, name="delete_pledge"),
    path("c/<slug:slug>/connections/", connection_views.connection_index, name="connections"),
    path(
        "c/<slug:slug>/connections/new/",
        connection_views.connection_create,
        name="create_connection",
    ),
    path(
        "c/<slug:slug>/connections/<int:pk>/", connection_views.connection_view, name="connection"
    ),
    path(
        "c/<slug:slug>/connections/<int:pk>/delete/",
        connection_views.connection_delete,
        name="delete_connection",
    ),
]

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kring.api.api import api
from kring.core import health
from kring.core import views as core_views
from kring.public import views as public_views
from kring.security import media as security_media
from kring.security import views as security_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", public_views.front_door, name="home"),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", security_views.password_reset, name="password_reset"),
    path("password/reset/sent/", security_views.password_reset_sent, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        security_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        security_views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("", include("kring.security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("kring.communities.urls")),
    path("", include("kring.people.urls")),
    path("", include("kring.assets.urls")),
    path("", include("kring.initiatives.urls")),
    path("", include("kring.matching.urls")),
    path("", include("kring.geo.urls")),
    path("", include("kring.public.urls")),
    path("", include("kring.public.urls_editorial")),
    path("", include("kring.public.urls_profile")),
    path("", include("kring.privacy.urls")),
    path("", include("kring.maps.urls")),
    path("", include("kring.network.urls")),
    path("", include("kring.exports.urls")),
    path("", include("kring.impact.urls")),
    path("", include("kring.selfscan.urls")),
    path("", include("kring.imports.urls")),
    path("", include("kring.notices.urls")),
    path("", include("kring.residents.urls")),
    path("", include("kring.joining.urls")),
    path("", include("kring.news.urls")),
    path("api/", api.urls),
    path("", include("kring.api.urls_tokens")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

if settings.DEBUG:
    # In production the web server or object storage serves uploads.
    # Only pictures inline; everything else as a download (kring.security.media).
    urlpatterns += [
        path(
            "media/<path:path>",
            security_media.serve_media,
            {"document_root": settings.MEDIA_ROOT},
            name="media",
        )
    ]

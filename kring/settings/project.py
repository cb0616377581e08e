"""What Kring is made of: its apps and middleware, URLs, templates, the user model and log-in
pages, languages and time zone, and the form renderer."""

from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, env_bool

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "kring.core",
    "kring.geo",
    "kring.communities",
    "kring.people",
    "kring.assets",
    "kring.initiatives",
    "kring.privacy",
    "kring.demo",
    "django.contrib.sitemaps",
    "kring.public",
    "kring.matching",
    "kring.maps",
    "kring.network",
    "kring.exports",
    "kring.impact",
    "kring.selfscan",
    "kring.imports",
    "kring.notices",
    "kring.residents",
    "kring.joining",
    "kring.news",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "kring.security",
    "kring.api",
]

MIDDLEWARE = [
    # First: every answer under /api/ that is an error leaves as problem details (RFC 9457).
    "kring.api.middleware.ApiProblemMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Early, so that error pages raised by later middleware (a wrong Host: 400) get it too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's, with the policy built once per process.
    "kring.core.middleware.OncePolicyCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kring.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's and django-otp's, with the user read together with what every page asks about
    # them (memberships, second step, own records): one query instead of five.
    "kring.security.middleware.AuthenticationMiddleware",
    "kring.security.middleware.OTPMiddleware",
    "kring.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Inside the API's middleware (the first one), so that its 400 becomes problem details.
    "kring.core.middleware.OddBytesMiddleware",
    # Last, so that it sees a lock-out raised anywhere in the log-in (see kring.security).
    "axes.middleware.AxesMiddleware",
]
# How long the server worked on each answer, in a Server-Timing header (off by default).
if env_bool("KRING_SERVER_TIMING", False):
    MIDDLEWARE.insert(0, "kring.core.middleware.ServerTimingMiddleware")

ROOT_URLCONF = "kring.urls"
WSGI_APPLICATION = "kring.wsgi.application"
ASGI_APPLICATION = "kring.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kring" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # Django's CSRF token (its built-in processor's), masked faster (kring.core.csrf).
                "kring.core.csrf.csrf",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kring.core.context_processors.kring",
                "kring.communities.context_processors.places",
                "kring.public.context_processors.public",
            ],
            # Django's {% extends %}, finding the base template's blocks once (not per page).
            "builtins": ["kring.core.templatetags.kring_extends"],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Dutch is the source language of the interface; English is a complete translation.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "kring" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

FORM_RENDERER = "kring.core.forms.KringFormRenderer"

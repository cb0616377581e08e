"""Kring settings.

One module. Everything that differs per installation comes from ``KRING_*`` environment
variables, read through the small typed helpers below. ``KRING_DEBUG`` is off unless switched
on: `make demo`, `make serve` and the tests switch it on, and with it the demo's keys and SQLite
in ``var/``. Production (debug off) refuses to start without its own secret key and audit key.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


# One BLAS thread per process: a web process answers one request at a time, and BLAS threads
# fighting over the cores made the suppression's linear algebra ten times slower under load.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Off unless asked for: a forgotten setting must not leave a server in debug mode.
DEBUG = env_bool("KRING_DEBUG", False)

# The demo keys only work while DEBUG is on; production must bring its own.
_DEMO_SECRET_KEY = "kring-demo-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env_str("KRING_SECRET_KEY", _DEMO_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "KRING_SECRET_KEY must be set when KRING_DEBUG is false (a long random value)"
    )
# The key of the audit log's chain (HMAC-SHA256, see kring.privacy.audit). Separate from the
# secret key, which may be rotated: the audit key must be kept as long as the log is, since
# without it the log cannot be checked.
_DEMO_AUDIT_KEY = "kring-demo-audit-key-not-secret-9876543210-zyxwvutsrqponmlkjihgfedcba"
KRING_AUDIT_KEY = env_str("KRING_AUDIT_KEY", _DEMO_AUDIT_KEY if DEBUG else "")
if not KRING_AUDIT_KEY:
    raise ImproperlyConfigured(
        "KRING_AUDIT_KEY must be set when KRING_DEBUG is false (a long random value, not the "
        "secret key; keep it as long as the audit log: without it the log cannot be checked)"
    )
if not DEBUG and (len(KRING_AUDIT_KEY) < 32 or KRING_AUDIT_KEY == SECRET_KEY):
    raise ImproperlyConfigured(
        "KRING_AUDIT_KEY must be at least 32 characters and differ from KRING_SECRET_KEY"
    )

ALLOWED_HOSTS = env_list("KRING_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("KRING_CSRF_TRUSTED_ORIGINS", "")

# The public address of this installation, used in links in e-mails (invitations).
SITE_URL = env_str("KRING_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

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
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kring.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kring.core.context_processors.kring",
                "kring.communities.context_processors.places",
                "kring.public.context_processors.public",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("KRING_DATABASE_URL", f"sqlite:///{VAR_DIR / 'kring.sqlite3'}"),
        conn_max_age=env_int("KRING_DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# The cache. One process (the demo, a small installation) keeps it in its own memory. Several
# web processes or app nodes share one Redis through KRING_CACHE_URL, so a change made through
# one node (an asset saved, a consent withdrawn, figures no longer shared) drops the cached
# answers of every node at once. Everything Kring caches can be rebuilt from the database, so
# Redis needs no persistence.
CACHE_URL = env_str("KRING_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("KRING_CACHE_PREFIX", "kring"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from the shared cache and written to both: one query less on every
    # request. Only with a shared cache: with a cache per process, a log-out on one node would
    # leave the session alive in another node's memory.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured(
        f"KRING_CACHE_URL must start with redis://, rediss:// or unix://, not {CACHE_URL!r}"
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids "database is locked"
    # when a read transaction later wants to write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Kring's queries are short; PostgreSQL's JIT compiler spent ~50 ms compiling them once the
    # planner guessed them costly. A collective's rows are few and cached, so index reads are
    # cheap: with the default random_page_cost (4, for spinning disks) the planner read every
    # consent in the country to check one collective's (measured with the load benchmark).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
    # Prepared statements: a query a connection has run a few times (the session, the user, the
    # memberships, a list's page) is parsed and planned once, not on every request; this took
    # about a third off the PostgreSQL backends' CPU per request (docs/performance.md, Load).
    # They need the parameters sent apart from the query (server-side binding). Behind
    # PgBouncer in transaction mode they need PgBouncer 1.21 or later with
    # max_prepared_statements set; with an older pooler set this to false.
    if env_bool("KRING_DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].update(
            server_side_binding=True,
            prepare_threshold=env_int("KRING_DATABASE_PREPARE_THRESHOLD", 5),
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Axes first: it counts wrong passwords and refuses to check one while a log-in is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch is the source language of the interface; English is a complete translation.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "kring" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "kring" / "static"]
STATIC_ROOT = Path(env_str("KRING_STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("KRING_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Background work: kept in the database and run by `manage.py db_worker` (one or more
# processes). KRING_TASKS_IMMEDIATE=true runs tasks at once in the web process instead, which
# suits a small demo without a worker, and the tests.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("KRING_TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Workers started with `manage.py kring_worker` say they are alive this often; a worker silent
# for longer than the second number is taken for dead and its running task is queued again.
KRING_WORKER_HEARTBEAT_SECONDS = float(env_str("KRING_WORKER_HEARTBEAT_SECONDS", "5"))
KRING_WORKER_DEAD_AFTER_SECONDS = float(env_str("KRING_WORKER_DEAD_AFTER_SECONDS", "30"))

# Serve static files straight from the apps while developing and testing; production serves the
# collected, hashed and compressed copies from STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded images (stories) are small pictures, not archives.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
KRING_MAX_IMAGE_BYTES = env_int("KRING_MAX_IMAGE_BYTES", 5 * 1024 * 1024)
# Imports: uploaded files (personal data) live outside MEDIA_ROOT and are deleted after the
# import or after KRING_IMPORT_KEEP_HOURS; files with more rows than KRING_IMPORT_BACKGROUND_ROWS
# are imported by the background worker.
KRING_IMPORT_ROOT = Path(env_str("KRING_IMPORT_ROOT", str(VAR_DIR / "imports")))
KRING_IMPORT_MAX_BYTES = env_int("KRING_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
# The CBS wijk- en buurtkaart for the whole country, uploaded in the admin site.
KRING_REGIONS_MAX_BYTES = env_int("KRING_REGIONS_MAX_BYTES", 500 * 1024 * 1024)
KRING_IMPORT_BACKGROUND_ROWS = env_int("KRING_IMPORT_BACKGROUND_ROWS", 2000)
KRING_IMPORT_KEEP_HOURS = env_int("KRING_IMPORT_KEEP_HOURS", 24)
# Moving archives (every resident of a collective) are made by the worker into this folder,
# outside MEDIA_ROOT, and removed after KRING_ARCHIVE_KEEP_HOURS (by the retention run).
KRING_ARCHIVE_ROOT = Path(env_str("KRING_ARCHIVE_ROOT", str(VAR_DIR / "archives")))
KRING_ARCHIVE_KEEP_HOURS = env_int("KRING_ARCHIVE_KEEP_HOURS", 24)

# E-mail: the demo writes mails as files in var/mail so they can be read; production uses SMTP.
EMAIL_BACKEND = env_str(
    "KRING_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("KRING_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("KRING_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("KRING_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("KRING_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KRING_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("KRING_DEFAULT_FROM_EMAIL", "Kring <kring@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Forgotten passwords: the link in the mail works this long; asks per hour from one visitor's
# address, and mails per hour to one e-mail address (kring.security.password_reset).
PASSWORD_RESET_TIMEOUT = env_int("KRING_PASSWORD_RESET_HOURS", 24) * 60 * 60
KRING_PASSWORD_RESET_ASKS_PER_HOUR = env_int("KRING_PASSWORD_RESET_ASKS_PER_HOUR", 10)
KRING_PASSWORD_RESET_MAILS_PER_HOUR = env_int("KRING_PASSWORD_RESET_MAILS_PER_HOUR", 3)

# A resident's personal log-in link (kring.residents.door) works this many minutes, once; asks
# and mails are limited like the forgotten-password link above.
KRING_LOGIN_LINK_MINUTES = env_int("KRING_LOGIN_LINK_MINUTES", 60)

# How long an invitation link stays valid.
KRING_INVITATION_DAYS = env_int("KRING_INVITATION_DAYS", 14)

# Retention (manage.py apply_retention, daily): how many days each kind of data is kept.
# Residents: after their last conversation, change, consent or log-in; then erased.
KRING_RETENTION_RESIDENT_DAYS = env_int("KRING_RETENTION_RESIDENT_DAYS", 2 * 365)
# Withdrawn consents: kept as proof for this long after withdrawal, then deleted.
KRING_RETENTION_CONSENT_DAYS = env_int("KRING_RETENTION_CONSENT_DAYS", 2 * 365)
# Audit log entries.
KRING_RETENTION_AUDIT_DAYS = env_int("KRING_RETENTION_AUDIT_DAYS", 3 * 365)
# The audit log's chain heads are written outside the database (an append-only file in this
# folder, and a line in the log) every KRING_AUDIT_ANCHOR_MINUTES and with every backup, so
# that removed newest entries or an emptied log show (manage.py verify_audit_chain).
KRING_AUDIT_ANCHOR_DIR = Path(env_str("KRING_AUDIT_ANCHOR_DIR", str(VAR_DIR / "audit-anchors")))
KRING_AUDIT_ANCHOR_MINUTES = env_int("KRING_AUDIT_ANCHOR_MINUTES", 60)
# Invitations: after they expired, were revoked or accepted.
KRING_RETENTION_INVITATION_DAYS = env_int("KRING_RETENTION_INVITATION_DAYS", 90)
# Where people report accessibility problems (toegankelijkheidsverklaring).
KRING_ACCESSIBILITY_EMAIL = env_str("KRING_ACCESSIBILITY_EMAIL", "toegankelijkheid@localhost")

# Security. Everything here is on whenever DEBUG is off, so production passes check --deploy.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("KRING_SESSION_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("KRING_SECURE_SSL_REDIRECT", True)
    # The proxy asks each node over plain HTTP whether it may send requests to it.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("KRING_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("KRING_HSTS_PRELOAD", True)
    # Behind a TLS-terminating proxy that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The network's public site. Map tiles: PDOK's BRT-Achtergrondkaart by default (open data,
# attribution to Kadaster); empty for a map with markers only. Its host is allowed in img-src.
KRING_MAP_TILES_URL = env_str(
    "KRING_MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
)
_KADASTER_CREDIT = "Kaartgegevens © Kadaster"
KRING_MAP_TILES_ATTRIBUTION = env_str("KRING_MAP_TILES_ATTRIBUTION", _KADASTER_CREDIT)
# The credit in English (kring.core.languages.map_credit); for the default tiles it is filled in.
KRING_MAP_TILES_ATTRIBUTION_EN = env_str(
    "KRING_MAP_TILES_ATTRIBUTION_EN",
    "Map data © Kadaster" if KRING_MAP_TILES_ATTRIBUTION == _KADASTER_CREDIT else "",
)
KRING_NETWORK_NAME = env_str(
    "KRING_NETWORK_NAME", "Landelijk Samenwerkingsverband Actieve bewoners"
)
# Where people can write to subscribe when the sign-up form is switched off.
KRING_NETWORK_EMAIL = env_str("KRING_NETWORK_EMAIL", "nieuwsbrief@localhost")
KRING_NEWSLETTER_SIGNUP = env_bool("KRING_NEWSLETTER_SIGNUP", True)
KRING_NEWSLETTER_CONFIRM_DAYS = env_int("KRING_NEWSLETTER_CONFIRM_DAYS", 7)
# Throttling: mails per batch and the pause between batches, within a mail server's limits.
KRING_NEWSLETTER_BATCH_SIZE = env_int("KRING_NEWSLETTER_BATCH_SIZE", 50)
KRING_NEWSLETTER_BATCH_PAUSE_SECONDS = env_int("KRING_NEWSLETTER_BATCH_PAUSE_SECONDS", 2)
# The academy (kring.public): how often the worker looks for reminders that are due, and how
# long after a meeting its registrations keep names and addresses (then wiped by retention).
# The editors' mail to everyone registered is sent in batches like the newsletter.
KRING_ACADEMY_REMINDER_INTERVAL_MINUTES = env_int("KRING_ACADEMY_REMINDER_INTERVAL_MINUTES", 15)
KRING_RETENTION_REGISTRATION_DAYS = env_int("KRING_RETENTION_REGISTRATION_DAYS", 365)
# Notices of new asks to residents (kring.notices): at most this many neighbours are told of one
# ask (the best fitting gifts first); immediate notices go out every few minutes, digests at
# the hour given (local time; weekly ones on Monday).
KRING_NOTICES_PER_NEED = env_int("KRING_NOTICES_PER_NEED", 25)
KRING_NOTICES_INTERVAL_MINUTES = env_int("KRING_NOTICES_INTERVAL_MINUTES", 5)
KRING_NOTICES_DIGEST_HOUR = env_int("KRING_NOTICES_DIGEST_HOUR", 7)
# A collective's sign-up (kring.joining): the confirmation link's life, limits per hour per
# visitor's address and per e-mail address, and how long a declined or unconfirmed request
# keeps its contact person's name and address.
KRING_JOIN_CONFIRM_DAYS = env_int("KRING_JOIN_CONFIRM_DAYS", 7)
KRING_JOIN_REQUESTS_PER_HOUR = env_int("KRING_JOIN_REQUESTS_PER_HOUR", 5)
KRING_JOIN_REQUESTS_PER_ADDRESS = env_int("KRING_JOIN_REQUESTS_PER_ADDRESS", 3)
KRING_RETENTION_JOIN_REQUEST_DAYS = env_int("KRING_RETENTION_JOIN_REQUEST_DAYS", 90)
# The contact form on a member's public profile (kring.public): messages per hour per visitor's
# address and per sender's e-mail address, and the seconds before the same visitor or sender
# may write to the same collective again.
KRING_CONTACT_MESSAGES_PER_HOUR = env_int("KRING_CONTACT_MESSAGES_PER_HOUR", 10)
KRING_CONTACT_MESSAGES_PER_ADDRESS = env_int("KRING_CONTACT_MESSAGES_PER_ADDRESS", 5)
KRING_CONTACT_REPEAT_SECONDS = env_int("KRING_CONTACT_REPEAT_SECONDS", 120)
# Messages from a collective to its residents (kring.news): sent in batches like the newsletter.
KRING_NEWS_BATCH_SIZE = env_int("KRING_NEWS_BATCH_SIZE", 50)
KRING_NEWS_BATCH_PAUSE_SECONDS = env_int("KRING_NEWS_BATCH_PAUSE_SECONDS", 2)
# Municipality figures: a count below the threshold is shown as "<10"; shown counts are rounded.
KRING_SUPPRESSION_THRESHOLD = env_int("KRING_SUPPRESSION_THRESHOLD", 10)
KRING_SUPPRESSION_ROUNDING = env_int("KRING_SUPPRESSION_ROUNDING", 5)
KRING_MAX_PUBLICATION_BYTES = env_int("KRING_MAX_PUBLICATION_BYTES", 20 * 1024 * 1024)


def _tile_origin(url: str) -> list[str]:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Geocoding typed addresses on the asset form: PDOK Locatieserver's free search, for example
# https://api.pdok.nl/bzk/locatieserver/search/v3_1/free ; empty (the default) switches it off.
KRING_GEOCODER_URL = env_str("KRING_GEOCODER_URL", "")

# Content Security Policy: nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_origin(KRING_MAP_TILES_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Log-in throttling (django-axes): after KRING_LOGIN_FAILURE_LIMIT wrong passwords for one
# e-mail address from one address, that combination waits KRING_LOGIN_LOCKOUT_MINUTES. A
# successful log-in or a new password (password reset) lifts it.
AXES_FAILURE_LIMIT = env_int("KRING_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("KRING_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kring.security.client_ip.username_of"
AXES_CLIENT_IP_CALLABLE = "kring.security.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "kring.security.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# No log of every successful log-in with address and browser: not needed, so not kept (AVG).
AXES_DISABLE_ACCESS_LOG = True
# Addresses of reverse proxies whose X-Forwarded-For is believed; empty: nobody's is.
KRING_TRUSTED_PROXIES = env_list("KRING_TRUSTED_PROXIES", "")

# Second log-in step (TOTP, django-otp). Required for beheerders, municipality users, network
# editors and installation admins when on; `make demo` and the tests switch it off.
KRING_REQUIRE_2FA = env_bool("KRING_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Kring"

# Browser features Kring never uses are switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("KRING_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

FORM_RENDERER = "kring.core.forms.KringFormRenderer"

# REST API: requests per token per minute, counted per web process.
KRING_API_RATE = env_int("KRING_API_RATE", 120)

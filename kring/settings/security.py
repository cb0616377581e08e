"""Security: the secret key and the audit log's key (production brings its own), the hosts
served, log-in backends and passwords, cookies and HTTPS headers (all on whenever DEBUG is off,
so production passes ``check --deploy``), the Content Security Policy, log-in throttling
(django-axes), the second log-in step and the browser features switched off."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import DEBUG, env_bool, env_int, env_list, env_str
from .features import KRING_MAP_TILES_URL

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


def _tile_origin(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


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

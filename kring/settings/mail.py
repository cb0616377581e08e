"""E-mail: how mail leaves (files in var/mail for the demo, SMTP in production), the sender,
and the links sent by mail: a forgotten password and a resident's log-in link."""

from .env import DEBUG, VAR_DIR, env_bool, env_int, env_str

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

"""A forgotten password: ask (an e-mail address), a mail with a link, a new password, done.

Asking never tells whether an address has a log-in: every well-formed address gets the same
page, and the mail is made and sent by the background worker (``reset_mail``), so a known address does not take
longer to answer either. Asking is limited per visitor's address (too many asks get a page that
says to wait) and per e-mail address (more mails than the limit are silently not sent, so one
mailbox cannot be flooded and the answer still tells nothing)."""

import hashlib

from django.conf import settings

from . import rate
from .tasks import send_password_reset

WINDOW_SECONDS = 60 * 60  # the limits count per hour


def _count(key: str) -> int:
    """One more in this hour's count under ``key`` (the shared cache; per process without one)."""
    return rate.count(key, window=WINDOW_SECONDS)


def _address_key(email: str) -> str:
    # Hashed: the cache need not hold the addresses people typed.
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return f"kring:password-reset:to:{digest}"


def too_many_asks(ip: str) -> bool:
    """Count an ask from this visitor's address; True once it passed the hourly limit."""
    count = _count(f"kring:password-reset:ip:{ip}")
    return count > settings.KRING_PASSWORD_RESET_ASKS_PER_HOUR


def request_reset(*, email: str, language: str) -> bool:
    """Have the worker mail a reset link to ``email`` if it belongs to an active log-in.
    Returns False when this address already got its mails for this hour (nothing is sent);
    the caller answers the same either way."""
    if _count(_address_key(email)) > settings.KRING_PASSWORD_RESET_MAILS_PER_HOUR:
        return False
    send_password_reset.enqueue(email=email.strip(), language=language)
    return True

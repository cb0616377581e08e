"""Asking for a log-in link (see ``door``): asks counted per visitor's address, mails per
e-mail address, and the mail handed to the background worker (``tasks.send_login_link``)."""

import hashlib

from django.conf import settings

from kring.security import rate

from .tasks import send_login_link

WINDOW_SECONDS = 60 * 60


def too_many_asks(ip: str) -> bool:
    """Count an ask from this visitor's address; True once it passed the hourly limit."""
    return (
        rate.count(f"kring:login-link:ip:{ip}", window=WINDOW_SECONDS)
        > settings.KRING_PASSWORD_RESET_ASKS_PER_HOUR
    )


def _too_many_mails(email: str) -> bool:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return (
        rate.count(f"kring:login-link:to:{digest}", window=WINDOW_SECONDS)
        > settings.KRING_PASSWORD_RESET_MAILS_PER_HOUR
    )


def request_link(*, email: str, language: str) -> bool:
    """Have the worker mail a log-in link to ``email`` if it belongs to a resident with consent.
    Returns False when the address already had its mails this hour; the page says the same."""
    if _too_many_mails(email):
        return False
    send_login_link.enqueue(email=email.strip(), language=language)
    return True

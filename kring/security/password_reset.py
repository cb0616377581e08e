"""A forgotten password: ask (an e-mail address), a mail with a link, a new password, done.

Asking never tells whether an address has a log-in: every well-formed address gets the same
page, and the mail is made and sent by the background worker, so a known address does not take
longer to answer either. Asking is limited per visitor's address (too many asks get a page that
says to wait) and per e-mail address (more mails than the limit are silently not sent, so one
mailbox cannot be flooded and the answer still tells nothing)."""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import rate

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
    from .tasks import send_password_reset

    send_password_reset.enqueue(email=email.strip(), language=language)
    return True


def users_for(email: str):
    """Active log-ins with this address that can have a password (like Django's own form)."""
    users = get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)
    return [user for user in users if user.has_usable_password()]


def reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


def send_reset_mail(user, *, language: str) -> None:
    with translation.override(language):
        context = {
            "user": user,
            "link": reset_link(user),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "ask_again": f"{settings.SITE_URL}{reverse('password_reset')}",
        }
        EmailMultiAlternatives(
            subject=_("Nieuw wachtwoord voor Kring"),
            body=render_to_string("security/mail/password_reset.txt", context),
            to=[user.email],
        ).send()

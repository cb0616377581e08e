"""The forgotten-password mail, made by the background task
(``kring.security.tasks.send_password_reset``; ``password_reset`` asks for it): the active
log-ins of an address and a reset link for each."""

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

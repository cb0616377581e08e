"""The mails of a collective's sign-up: confirm the address, a note to the network's editors,
approved (the invitation follows in its own mail), declined with the reason."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _


def _link(name: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _send(subject: str, template: str, context: dict, to: list[str]) -> None:
    if to:
        EmailMultiAlternatives(
            subject=subject, body=render_to_string(template, context), to=to
        ).send()


def send_confirm(join_request, *, token: str) -> None:
    context = {
        "request": join_request,
        "link": _link("joining:confirm", token=token),
        "days": settings.KRING_JOIN_CONFIRM_DAYS,
    }
    _send(
        _("Bevestig de aanmelding van %(name)s") % {"name": join_request.name},
        "joining/mail/confirm.txt",
        context,
        [join_request.contact_email],
    )


def send_to_editors(join_request) -> None:
    editors = get_user_model().objects.filter(is_network_editor=True, is_active=True)
    context = {"request": join_request, "link": _link("joining:detail", pk=join_request.pk)}
    _send(
        _("Nieuwe aanmelding: %(name)s") % {"name": join_request.name},
        "joining/mail/to_editors.txt",
        context,
        [e.email for e in editors if e.email],
    )


def send_approved(join_request) -> None:
    _send(
        _("%(name)s is welkom in het netwerk") % {"name": join_request.name},
        "joining/mail/approved.txt",
        {"request": join_request},
        [join_request.contact_email],
    )


def send_declined(join_request) -> None:
    _send(
        _("Uw aanmelding: %(name)s") % {"name": join_request.name},
        "joining/mail/declined.txt",
        {"request": join_request},
        [join_request.contact_email],
    )

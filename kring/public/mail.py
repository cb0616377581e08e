"""The mails of the public site. Every newsletter carries a one-click unsubscribe link in its
text and in the List-Unsubscribe headers (RFC 2369 and RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kring.core.bulkmail import unsubscribe_headers

from .calendar import meeting_ics


def _link(name: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def send_confirmation(subscriber, *, token: str) -> None:
    context = {
        "link": _link("public:newsletter_confirm", token=token),
        "days": settings.KRING_NEWSLETTER_CONFIRM_DAYS,
    }
    EmailMultiAlternatives(
        subject=_("Bevestig uw aanmelding voor de nieuwsbrief"),
        body=render_to_string("public/mail/confirm.txt", context),
        to=[subscriber.email],
    ).send()


def send_already_subscribed(subscriber) -> None:
    from .services.newsletter import unsubscribe_token

    context = {"unsubscribe": _link("public:unsubscribe", token=unsubscribe_token(subscriber))}
    EmailMultiAlternatives(
        subject=_("U krijgt de nieuwsbrief al"),
        body=render_to_string("public/mail/already.txt", context),
        to=[subscriber.email],
    ).send()


def send_newsletter(newsletter, subscriber, *, token: str, connection=None) -> None:
    unsubscribe = _link("public:unsubscribe", token=token)
    context = {"newsletter": newsletter, "unsubscribe": unsubscribe, "site": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=newsletter.subject,
        body=render_to_string("public/mail/newsletter.txt", context),
        to=[subscriber.email],
        headers=unsubscribe_headers(unsubscribe),
        connection=connection,
    )
    message.attach_alternative(
        render_to_string("public/mail/newsletter.html", context), "text/html"
    )
    message.send()


def send_registration(registration, *, token: str) -> None:
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "link": _link("public:meeting", meeting=meeting.slug),
        "cancel": _link("public:registration_cancel", token=token),
    }
    message = EmailMultiAlternatives(
        subject=_("Uw aanmelding: %(title)s") % {"title": meeting.title},
        body=render_to_string("public/mail/registration.txt", context),
        to=[registration.email],
    )
    message.attach(f"{meeting.slug}.ics", meeting_ics(meeting), "text/calendar")
    message.send()


def send_moved_up(registration, *, token: str) -> None:
    meeting = registration.meeting
    context = {
        "registration": registration,
        "meeting": meeting,
        "link": _link("public:meeting", meeting=meeting.slug),
        "cancel": _link("public:registration_cancel", token=token),
    }
    message = EmailMultiAlternatives(
        subject=_("Er is een plek voor u: %(title)s") % {"title": meeting.title},
        body=render_to_string("public/mail/moved_up.txt", context),
        to=[registration.email],
    )
    message.attach(f"{meeting.slug}.ics", meeting_ics(meeting), "text/calendar")
    message.send()


def _meeting_context(registration, *, token: str) -> dict:
    meeting = registration.meeting
    return {
        "registration": registration,
        "meeting": meeting,
        "link": _link("public:meeting", meeting=meeting.slug),
        "calendar": _link("public:meeting_calendar", meeting=meeting.slug),
        "cancel": _link("public:registration_cancel", token=token),
    }


def send_reminder(registration, *, token: str, moved: bool = False, connection=None) -> None:
    """The reminder some days before the meeting, in the language the person signed up in."""
    meeting = registration.meeting
    with translation.override(registration.language or "nl"):
        context = _meeting_context(registration, token=token) | {"moved": moved}
        subject = (_("Gewijzigde tijd: %(title)s") if moved else _("Herinnering: %(title)s")) % {
            "title": meeting.title
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("public/mail/reminder.txt", context),
            to=[registration.email],
            connection=connection,
        )
    message.attach(f"{meeting.slug}.ics", meeting_ics(meeting), "text/calendar")
    message.send()


def meeting_mail_context(meeting_mail, registration, *, cancel: str) -> dict:
    meeting = meeting_mail.meeting
    return {
        "mail": meeting_mail,
        "name": registration.name if registration is not None else "",
        "meeting": meeting,
        "link": _link("public:meeting", meeting=meeting.slug),
        "cancel": cancel,
    }


def send_meeting_mail(meeting_mail, registration, *, token: str, connection=None) -> None:
    """The editors' mail to one registered person. The text is the editors'; the greeting
    and the meeting's details are in the person's language."""
    with translation.override(registration.language or "nl"):
        context = meeting_mail_context(
            meeting_mail, registration, cancel=_link("public:registration_cancel", token=token)
        )
        message = EmailMultiAlternatives(
            subject=meeting_mail.subject,
            body=render_to_string("public/mail/meeting_mail.txt", context),
            to=[registration.email],
            connection=connection,
        )
    message.send()

"""The two mails of notices, in Dutch (the language of the collective's residents). Every
notice carries a link to change the rhythm and a one-click unsubscribe, in its text and in the
List-Unsubscribe headers (RFC 2369 and RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.core.bulkmail import unsubscribe_headers


def _link(name: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _first_name(resident) -> str:
    return (resident.name or "").split(" ")[0]


def send_notice(resident, items, *, token: str) -> None:
    collective = resident.collective
    unsubscribe = _link("notices:unsubscribe", token=token)
    for item in items:
        # A neighbour's own ask is answered through the resident's door: "Ik help mee".
        item.help_link = (
            _link("residents:help", slug=collective.slug, pk=item.ask_id) if item.ask_id else ""
        )
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": _first_name(resident),
            "collective": collective,
            "items": items,
            "preference": resident.notice_preference,
            "rhythm_link": _link("notices:preference", token=token),
            "unsubscribe": unsubscribe,
        }
        if len(items) == 1:
            subject = _("Een nieuwe vraag bij %(collective)s die bij u past") % {
                "collective": collective.name
            }
        else:
            subject = ngettext(
                "%(n)d nieuwe vraag bij %(collective)s die bij u past",
                "%(n)d nieuwe vragen bij %(collective)s die bij u passen",
                len(items),
            ) % {"n": len(items), "collective": collective.name}
        body = render_to_string("notices/mail/notice.txt", context)
    EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[resident.email],
        headers=unsubscribe_headers(unsubscribe),
    ).send()


def send_followup(followup, *, token: str) -> None:
    resident = followup.resident
    connection = followup.connection
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": _first_name(resident),
            "collective": connection.collective,
            "connection": connection,
            "link": _link("notices:followup", token=token),
        }
        subject = _("Heeft dit contact tot iets geleid?")
        body = render_to_string("notices/mail/followup.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[resident.email]).send()

"""The mails of the public site. Every newsletter carries a one-click unsubscribe link in its
text and in the List-Unsubscribe headers (RFC 2369 and RFC 8058)."""

import re
from html.parser import HTMLParser

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


def send_already_subscribed(subscriber, *, token: str) -> None:
    context = {"unsubscribe": _link("public:unsubscribe", token=token)}
    EmailMultiAlternatives(
        subject=_("U krijgt de nieuwsbrief al"),
        body=render_to_string("public/mail/already.txt", context),
        to=[subscriber.email],
    ).send()


def unsubscribe_link(token: str) -> str:
    return _link("public:unsubscribe", token=token)


_RELATIVE = re.compile(r'(\s(?:src|href)=")/(?!/)')


def absolute_urls(html: str) -> str:
    """Pictures and links of the site written as /media/… work on the site; in a mail they
    need the site's address in front."""
    return _RELATIVE.sub(rf"\1{settings.SITE_URL}/", html)


def plain_spaces(html: str) -> str:
    """Texts saved before the editor fixed it have every space as &nbsp; (Quill's semantic
    HTML): in a mail those lines never wrap, so a phone scrolls sideways."""
    return html.replace("&nbsp;", " ").replace("\u00a0", " ")


class _TextVersion(HTMLParser):
    """The text version of sanitised rich text (kring.public.richtext): paragraphs and headings
    apart, list items with a dash, a link's address after its words, a picture's description."""

    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "figure", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(attrs.get("href"))
        elif tag == "img" and attrs.get("alt"):
            self.parts.append(f"[{attrs['alt']}]")

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            href = self.links.pop()
            if href and not href.startswith("mailto:"):
                self.parts.append(f" ({href})")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [re.sub(" {2,}", " ", line).strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def text_version(html: str) -> str:
    parser = _TextVersion()
    parser.feed(html)
    parser.close()
    return parser.text()


def newsletter_subject(newsletter, *, test: bool = False) -> str:
    if test:
        return _("[Proef] %(subject)s") % {"subject": newsletter.subject}
    return newsletter.subject


def newsletter_parts(newsletter, *, unsubscribe: str, test: bool = False) -> dict[str, str]:
    """The subject, the text version and the HTML version of an issue: what is sent, and what
    the editor's preview shows."""
    context = {
        "newsletter": newsletter,
        "subject": newsletter_subject(newsletter, test=test),
        "body": absolute_urls(plain_spaces(newsletter.body)),
        "text_body": text_version(absolute_urls(plain_spaces(newsletter.body))),
        "unsubscribe": unsubscribe,
        "archive": _link("public:newsletter_archive"),
        "network_name": settings.KRING_NETWORK_NAME,
        "test": test,
    }
    return {
        "subject": context["subject"],
        "text": render_to_string("public/mail/newsletter.txt", context),
        "html": render_to_string("public/mail/newsletter.html", context),
    }


def send_newsletter(newsletter, *, to: str, unsubscribe: str, test=False, connection=None) -> None:
    """One issue to one address. A test mail has no unsubscribe link (the editor is not on the
    list through it) and says it is a test."""
    parts = newsletter_parts(newsletter, unsubscribe=unsubscribe, test=test)
    message = EmailMultiAlternatives(
        subject=parts["subject"],
        body=parts["text"],
        to=[to],
        headers=unsubscribe_headers(unsubscribe) if unsubscribe else None,
        connection=connection,
    )
    message.attach_alternative(parts["html"], "text/html")
    message.send()


def send_registration(registration, *, token: str) -> None:
    subject = _("Uw aanmelding: %(title)s") % {"title": registration.meeting.title}
    _send_to_registration(registration, token=token, subject=subject, template="registration")


def send_moved_up(registration, *, token: str) -> None:
    subject = _("Er is een plek voor u: %(title)s") % {"title": registration.meeting.title}
    _send_to_registration(registration, token=token, subject=subject, template="moved_up")


def _send_to_registration(registration, *, token: str, subject: str, template: str) -> None:
    """A mail about one registration with the meeting's page, the cancel link and the meeting
    as a calendar file."""
    meeting = registration.meeting
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(
            f"public/mail/{template}.txt", _meeting_context(registration, token=token)
        ),
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

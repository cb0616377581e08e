"""The mail of a collective's message: plain text and simple HTML, with a one-click
unsubscribe link in the text and in the List-Unsubscribe headers (RFC 2369 and RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from kring.core.bulkmail import unsubscribe_headers


def unsubscribe_link(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('news:unsubscribe', kwargs={'token': token})}"


def context_for(message, *, name: str, unsubscribe: str, test: bool = False) -> dict:
    return {
        "message": message,
        "collective": message.collective,
        "name": name,
        "unsubscribe": unsubscribe,
        "test": test,
    }


def subject_for(message, *, test: bool = False) -> str:
    if test:
        return _("[Proef] %(subject)s") % {"subject": message.subject}
    return message.subject


def send_message(message, *, to: str, name: str, token: str, test=False, connection=None):
    unsubscribe = unsubscribe_link(token)
    context = context_for(message, name=name, unsubscribe=unsubscribe, test=test)
    email = EmailMultiAlternatives(
        subject=subject_for(message, test=test),
        body=render_to_string("news/mail/message.txt", context),
        to=[to],
        headers=unsubscribe_headers(unsubscribe),
        connection=connection,
    )
    email.attach_alternative(render_to_string("news/mail/message.html", context), "text/html")
    email.send()

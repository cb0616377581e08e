"""A visitor's message to a member collective, from the contact form on its public profile.

The message is mailed to the address the collective gave for its profile, with the visitor's
address as Reply-To: the collective answers from its own mail and the visitor never sees the
collective's address. Nothing of the message is kept: it is not stored, it is sent during the
request (a background task would keep it in the task table), and the log says only which
collective got a message. Limits, counted in the shared cache (kring.security.rate): per
visitor's address and per sender's address per hour, and one message per visitor or sender to
the same collective within ``KRING_CONTACT_REPEAT_SECONDS``."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kring.communities.models import Collective
from kring.security import rate

from ..selectors import takes_messages

logger = logging.getLogger(__name__)


class TooSoon(Exception):
    """The same visitor or sender wrote to this collective a moment ago."""


class TooMany(Exception):
    """The visitor or the sender is past an hourly limit."""


class NotSent(Exception):
    """The mail server did not take the message, or the collective takes no messages."""


def check_limits(*, collective: Collective, ip: str, email: str) -> None:
    """Count one message from this visitor and sender; raise TooSoon or TooMany past a limit."""
    visitor, sender = rate.hashed(ip or "-"), rate.hashed(email or "-")
    repeat = settings.KRING_CONTACT_REPEAT_SECONDS
    again = max(
        rate.count(f"kring:contact:again:{collective.pk}:ip:{visitor}", window=repeat),
        rate.count(f"kring:contact:again:{collective.pk}:from:{sender}", window=repeat),
    )
    by_ip = rate.count(f"kring:contact:ip:{visitor}")
    by_sender = rate.count(f"kring:contact:from:{sender}")
    if again > 1:
        raise TooSoon
    if (
        by_ip > settings.KRING_CONTACT_MESSAGES_PER_HOUR
        or by_sender > settings.KRING_CONTACT_MESSAGES_PER_ADDRESS
    ):
        raise TooMany


def relay_message(*, collective: Collective, name: str, email: str, message: str) -> None:
    """Mail the visitor's message to the collective's profile address, Reply-To the visitor."""
    if not takes_messages(collective):
        raise NotSent
    # The collective reads it: in the interface's first language, whatever the visitor chose.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "collective": collective,
            "name": name,
            "email": email,
            "message": message,
            "profile": f"{settings.SITE_URL}{reverse('public:member', args=[collective.slug])}",
            "settings_link": (
                f"{settings.SITE_URL}{reverse('public_profile:edit', args=[collective.slug])}"
            ),
            "network": settings.KRING_NETWORK_NAME,
        }
        mail = EmailMessage(
            subject=_("Bericht van %(name)s via uw profiel") % {"name": name},
            body=render_to_string("public/mail/contact_message.txt", context),
            to=[collective.public_email],
            reply_to=[email],
        )
    try:
        mail.send()
    except (smtplib.SMTPException, OSError):
        # Without the message, the sender or the address: only which collective.
        logger.warning("contact message to collective %s could not be sent", collective.pk)
        raise NotSent from None
    logger.info("contact message relayed to collective %s", collective.pk)

"""The academy's mail made by the background worker (``kring.public.tasks``): reminders before a
meeting, each claimed once (see ``academy``), and the editors' mail to everyone registered,
delivered row by row through ``kring.core.bulkmail``; the cancel link both carry."""

import logging
from datetime import timedelta

from django.core import signing
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from kring.core import bulkmail
from kring.core.bulkmail import DeliveryStatus

from .. import mail
from ..models import (
    Meeting,
    MeetingMail,
    MeetingMailDelivery,
    MeetingMailSkipReason,
    Registration,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)
CANCEL_SALT = "kring.public.academy.cancel"


def cancel_token(registration: Registration) -> str:
    return signing.Signer(salt=CANCEL_SALT).sign(str(registration.pk))


# --- Reminders ----------------------------------------------------------------------------


def reminder_moment(meeting: Meeting):
    return meeting.starts_at - timedelta(days=meeting.reminder_days)


def due_reminders(*, now=None) -> list[Registration]:
    """Registrations with a place whose reminder is due now and not yet sent for the
    meeting's present start."""
    now = now or timezone.now()
    candidates = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            meeting__is_published=True,
            meeting__reminder_days__gt=0,
            meeting__starts_at__gt=now,
            # The longest reminder period an editor can choose is 30 days.
            meeting__starts_at__lte=now + timedelta(days=31),
        )
        .filter(Q(reminder_for__isnull=True) | ~Q(reminder_for=F("meeting__starts_at")))
        .select_related("meeting")
        .order_by("pk")
    )
    due = []
    for registration in candidates:
        moment = reminder_moment(registration.meeting)
        if moment > now:
            continue
        moved = registration.reminder_for is not None
        if not moved and registration.created_at >= moment:
            continue  # signed up after the reminder moment: the confirmation said it all
        due.append(registration)
    return due


def _claim_reminder(registration: Registration, *, now) -> bool:
    starts_at = registration.meeting.starts_at
    return bool(
        Registration.objects.filter(pk=registration.pk, status=RegistrationStatus.CONFIRMED)
        .filter(Q(reminder_for__isnull=True) | ~Q(reminder_for=starts_at))
        .update(reminder_for=starts_at, reminder_claimed_at=now, reminder_sent_at=None)
    )


def send_due_reminders(*, now=None) -> dict[str, int]:
    """Send every reminder that is due, each once. Safe to run by several workers at once."""
    now = now or timezone.now()
    sent = failed = 0
    connection = get_connection()
    for registration in due_reminders(now=now):
        moved = registration.reminder_for is not None
        if not _claim_reminder(registration, now=now):
            continue  # another worker has it, or it was cancelled just now
        try:
            mail.send_reminder(
                registration,
                token=cancel_token(registration),
                moved=moved,
                connection=connection,
            )
        except Exception as error:  # one bad address must not stop the rest
            logger.warning("reminder %s failed: %s", registration.pk, type(error).__name__)
            failed += 1
            continue
        Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=timezone.now())
        sent += 1
    return {"reminders_sent": sent, "reminders_failed": failed}


# --- Mail to everyone registered ----------------------------------------------------------


def _skip_reason(delivery: MeetingMailDelivery) -> str:
    """Checked just before sending: someone who cancelled meanwhile gets nothing."""
    registration = delivery.registration
    registration.refresh_from_db(fields=["status", "email", "name", "language"])
    if registration.status == RegistrationStatus.CANCELLED:
        return MeetingMailSkipReason.CANCELLED
    return "" if registration.email else MeetingMailSkipReason.NO_ADDRESS


def deliver_meeting_mail_batch(*, meeting_mail: MeetingMail, limit: int) -> int:
    """Send up to ``limit`` waiting deliveries. Returns how many rows were looked at."""
    waiting = list(
        MeetingMailDelivery.objects.filter(mail=meeting_mail, status=DeliveryStatus.WAITING)
        .select_related("registration__meeting")
        .order_by("pk")[:limit]
    )
    connection = get_connection()

    def send(delivery: MeetingMailDelivery) -> None:
        mail.send_meeting_mail(
            meeting_mail,
            delivery.registration,
            token=cancel_token(delivery.registration),
            connection=connection,
        )

    return bulkmail.deliver(waiting, send=send, skip_reason=_skip_reason)

"""The Buurtmakers Academie: meetings, registrations, the waiting list and cancel links;
reminders before a meeting, attendance, and a mail from the editors to everyone registered.

Reminders. A registration with a place gets one reminder ``Meeting.reminder_days`` days before
the meeting (0: none), sent by the background worker (``academy_sending.send_due_reminders``, run every
``KRING_ACADEMY_REMINDER_INTERVAL_MINUTES``). Before the mail goes out the registration is
claimed in one conditional update that writes the start it is about (``reminder_for``), so a
second worker or a rerun finds nothing to send. Cancelled registrations and the waiting list
get none; someone who signs up after the reminder moment has just had the confirmation with
the same details and gets none either. When an editor moves a meeting to another start time
after the reminders went out, everyone with a place gets one new reminder for the new time
(saying that the time changed), at the usual moment before it: the old reminder named a time
that is no longer true. A mail that fails is logged and not tried again (it may have gone out).

Mail to all registered (``MeetingMail``): written, previewed, confirmed with the number of
recipients; confirming fixes the list (one ``MeetingMailDelivery`` per registration not
cancelled) and hands the sending to the worker, which claims each row (wacht → bezig) before
its mail, so nobody gets it twice. Someone who cancels meanwhile is skipped."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from kring.core import audit
from kring.core.locking import bump_version, check_version

from .. import mail
from ..models import (
    Meeting,
    MeetingMail,
    MeetingMailDelivery,
    MeetingMailStatus,
    Registration,
    RegistrationStatus,
)
from ..richtext import sanitize
from ..tasks import send_meeting_mail
from . import InvalidLink
from .academy_sending import CANCEL_SALT, cancel_token


def registration_for_token(token: str) -> Registration:
    try:
        pk = int(signing.Signer(salt=CANCEL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None
    registration = Registration.objects.select_related("meeting").filter(pk=pk).first()
    if registration is None:
        raise InvalidLink
    return registration


@transaction.atomic
def register(
    *, meeting: Meeting, name: str, email: str, organisation: str = "", language: str = "nl"
) -> Registration:
    """A place if there is one, otherwise the waiting list. Signing up twice keeps one
    registration."""
    # Locks the meeting row, so two people cannot take the last place at the same time.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    email = email.strip().lower()
    existing = (
        meeting.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .filter(email=email)
        .first()
    )
    if existing is not None:
        mail.send_registration(existing, token=cancel_token(existing))
        return existing
    taken = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    registration = Registration.objects.create(
        meeting=meeting,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        language=language if language in dict(settings.LANGUAGES) else "nl",
        status=RegistrationStatus.CONFIRMED
        if taken < meeting.capacity
        else RegistrationStatus.WAITING,
    )
    audit.record(
        actor=None,
        collective=None,
        action=audit.Action.CREATE,
        target=registration,
        summary="Aanmelding voor een bijeenkomst van de academie",
    )
    transaction.on_commit(
        lambda: mail.send_registration(registration, token=cancel_token(registration))
    )
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration) -> Registration | None:
    """Cancel; a freed place goes to the first on the waiting list, who gets a mail. Returns
    whoever moved up."""
    meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    audit.save_and_record(
        registration,
        update_fields=["status", "cancelled_at"],
        actor=None,
        collective=None,
        action=audit.Action.CHANGE,
        summary="Afgemeld voor een bijeenkomst van de academie",
    )
    if not was_confirmed:
        return None
    moved = fill_places(meeting=meeting)
    return moved[0] if moved else None


@transaction.atomic
def fill_places(*, meeting: Meeting) -> list[Registration]:
    """Move people up from the waiting list while there are free places (after a cancellation
    or when an editor adds places)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    taken = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = max(0, meeting.capacity - taken)
    moved = list(meeting.registrations.filter(status=RegistrationStatus.WAITING)[:free])
    for registration in moved:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        transaction.on_commit(lambda r=registration: mail.send_moved_up(r, token=cancel_token(r)))
    return moved


@transaction.atomic
def save_meeting(*, editor, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    check_version(meeting, expected_version)
    meeting.body = sanitize(meeting.body)
    meeting.save()
    fill_places(meeting=meeting)
    return meeting


# --- Attendance ---------------------------------------------------------------------------


@transaction.atomic
def record_attendance(
    *, editor, meeting: Meeting, marks: dict[int, bool | None], expected_version: int | None
) -> int:
    """Who was there (True), who was not (False), not filled in (None), per registration of
    this meeting. The meeting moves to a new version, so a list loaded before this save is
    refused. Returns how many registrations changed."""
    check_version(meeting, expected_version)
    Meeting.objects.filter(pk=meeting.pk).update(version=meeting.version)
    changed = 0
    for registration in meeting.registrations.filter(pk__in=list(marks)):
        value = marks[registration.pk]
        if registration.attended != value:
            registration.attended = value
            registration.save(update_fields=["attended"])
            changed += 1
    audit.record(
        actor=editor,
        collective=None,
        action=audit.Action.CHANGE,
        target=meeting,
        summary=f"Aanwezigheid bij een bijeenkomst: {changed} aanmeldingen aangepast",
    )
    return changed


# --- Mail to everyone registered ----------------------------------------------------------


class NotDraft(Exception):
    """The mail is being sent or was sent: it cannot change any more."""


def mail_recipients(meeting: Meeting):
    """Everyone registered and not cancelled: with a place and on the waiting list."""
    return meeting.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by("pk")


@dataclass
class RecipientCounts:
    confirmed: int
    waiting: int

    @property
    def total(self) -> int:
        return self.confirmed + self.waiting


def recipient_counts(meeting: Meeting) -> RecipientCounts:
    statuses = list(mail_recipients(meeting).values_list("status", flat=True))
    return RecipientCounts(
        confirmed=statuses.count(RegistrationStatus.CONFIRMED),
        waiting=statuses.count(RegistrationStatus.WAITING),
    )


@transaction.atomic
def save_meeting_mail(
    *, editor, meeting_mail: MeetingMail, expected_version: int | None = None
) -> MeetingMail:
    if (
        meeting_mail.pk
        and MeetingMail.objects.filter(pk=meeting_mail.pk)
        .exclude(status=MeetingMailStatus.DRAFT)
        .exists()
    ):
        raise NotDraft
    check_version(meeting_mail, expected_version)
    if meeting_mail.created_by_id is None:
        meeting_mail.created_by = editor
    meeting_mail.save()
    return meeting_mail


@transaction.atomic
def start_meeting_mail(*, editor, meeting_mail: MeetingMail) -> int:
    """Fix the recipients now and queue the background task. Returns how many mails will go
    out; a second call (a double click) does nothing and returns 0."""
    locked = MeetingMail.objects.select_for_update().get(pk=meeting_mail.pk)
    if locked.status != MeetingMailStatus.DRAFT:
        return 0
    recipients = list(mail_recipients(locked.meeting))
    have = set(locked.deliveries.values_list("registration_id", flat=True))
    MeetingMailDelivery.objects.bulk_create(
        [MeetingMailDelivery(mail=locked, registration=r) for r in recipients if r.pk not in have]
    )
    bump_version(locked)
    locked.status = MeetingMailStatus.SENDING
    locked.send_started_at = timezone.now()
    audit.save_and_record(
        locked,
        update_fields=["status", "send_started_at", "version"],
        actor=editor,
        collective=None,
        action=audit.Action.CHANGE,
        summary=f"Mail aan {len(recipients)} aangemelden van een bijeenkomst klaargezet",
    )
    transaction.on_commit(lambda: send_meeting_mail.enqueue(mail_id=locked.pk))
    return len(recipients)


# --- Retention ----------------------------------------------------------------------------


def old_registrations(*, now=None):
    """Registrations of meetings that ended more than KRING_RETENTION_REGISTRATION_DAYS ago
    and still hold a name or address."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.KRING_RETENTION_REGISTRATION_DAYS)
    return Registration.objects.filter(meeting__ends_at__lt=cutoff).exclude(
        name="", email="", organisation=""
    )


@transaction.atomic
def forget_old_registrations(*, now=None) -> int:
    """Wipe name, address and organisation; status and attendance stay as counts."""
    return old_registrations(now=now).update(name="", email="", organisation="")


def purge_old_registrations(*, dry_run: bool) -> int:
    """Part of the daily retention run (kring.core.retention)."""
    return old_registrations().count() if dry_run else forget_old_registrations()

"""The Buurtmakers Academie: meetings, registrations, the waiting list and cancel links."""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from kring.core import audit
from kring.core.locking import check_version

from .. import mail
from ..models import Meeting, Registration, RegistrationStatus
from ..richtext import sanitize
from . import InvalidLink

CANCEL_SALT = "kring.public.academy.cancel"


def cancel_token(registration: Registration) -> str:
    return signing.Signer(salt=CANCEL_SALT).sign(str(registration.pk))


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
def register(*, meeting: Meeting, name: str, email: str, organisation: str = "") -> Registration:
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

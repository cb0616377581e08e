"""Writing, testing and sending a message from the collective.

Sending fixes the list of recipients at the moment of confirming (one delivery row each) and
hands the work to the background worker. Each row is claimed (wacht → bezig) in its own
update before its mail goes out (kring.core.bulkmail), so two workers, or a task retried after
a crash, never send one message twice to anyone; a row left "bezig" by a crash is reported,
not sent again.
Consent is checked again just before each mail: someone who withdrew it meanwhile is skipped."""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.communities.models import Membership
from kring.core.locking import bump_version, check_version
from kring.people import services as people_services
from kring.people.models import ConsentPurpose, Resident
from kring.privacy import audit

from . import mail, selectors
from .models import Delivery, Message, MessageStatus, OptOut
from .sending import UNSUBSCRIBE_SALT, unsubscribe_token
from .tasks import send_message


class NotDraft(Exception):
    """The message is being sent or was sent: it cannot change any more."""


class InvalidLink(Exception):
    pass


# --- The unsubscribe link ---------------------------------------------------------------


def read_unsubscribe(token: str) -> tuple[int, str, int]:
    """(collective number, "r" or "u", resident or user number)."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
        collective, who = value.split(".", 1)
        return int(collective), who[0], int(who[1:])
    except (signing.BadSignature, ValueError, IndexError):
        raise InvalidLink from None


@transaction.atomic
def unsubscribe(*, token: str) -> str:
    """One click in the mail: a resident's consent for the collective's news is withdrawn (by
    the resident, digital); a member is taken off the list. Returns the collective's name."""
    collective_id, kind, pk = read_unsubscribe(token)
    if kind == "r":
        resident = Resident.objects.filter(pk=pk, collective_id=collective_id).first()
        if resident is None:
            raise InvalidLink
        people_services.withdraw_own_consent(resident=resident, purpose=ConsentPurpose.NEWS)
        return resident.collective.name
    membership = (
        Membership.objects.filter(user_id=pk, collective_id=collective_id)
        .select_related("collective")
        .first()
    )
    if membership is None:
        raise InvalidLink
    OptOut.objects.get_or_create(collective_id=collective_id, user_id=pk)
    return membership.collective.name


# --- Writing ------------------------------------------------------------------------------


@transaction.atomic
def save_message(
    *,
    access: CollectiveAccess,
    message: Message,
    neighbourhoods,
    tags,
    expected_version: int | None = None,
) -> Message:
    if message.pk and message.collective_id != access.collective.pk:
        raise ValueError("message of another collective")
    if (
        message.pk
        and Message.objects.filter(pk=message.pk).exclude(status=MessageStatus.DRAFT).exists()
    ):
        raise NotDraft
    check_version(message, expected_version)
    message.collective = access.collective
    if message.created_by_id is None:
        message.created_by = access.user
    message.save()
    message.neighbourhoods.set(neighbourhoods)
    message.tags.set(tags)
    return message


def send_test(*, access: CollectiveAccess, message: Message) -> str:
    """The message as it will look, to the writer's own address. Returns that address."""
    if message.collective_id != access.collective.pk:
        raise ValueError("message of another collective")
    mail.send_message(
        message,
        to=access.user.email,
        name=access.user.name,
        token=unsubscribe_token(collective_id=message.collective_id, user=access.user),
        test=True,
    )
    return access.user.email


# --- Sending ------------------------------------------------------------------------------


@transaction.atomic
def start_sending(*, access: CollectiveAccess, message: Message) -> int:
    """Fix the recipients at this moment and queue the background task. Returns how many
    mails will go out; a second call (a double click) does nothing and returns 0."""
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if locked.collective_id != access.collective.pk:
        raise ValueError("message of another collective")
    if locked.status != MessageStatus.DRAFT:
        return 0
    found = selectors.recipients(access, locked)
    # A row made before (a send interrupted halfway) is kept, never doubled.
    have = set(locked.deliveries.values_list("resident_id", "user_id"))
    Delivery.objects.bulk_create(
        [Delivery(message=locked, resident=r) for r in found.residents if (r.pk, None) not in have]
        + [Delivery(message=locked, user=u) for u in found.members if (None, u.pk) not in have]
    )
    bump_version(locked)
    locked.status = MessageStatus.SENDING
    locked.send_started_at = timezone.now()
    locked.save(update_fields=["status", "send_started_at", "version"])
    if found.residents:
        # Each resident's inzage shows that the collective mailed them (not what).
        audit.record_many(
            actor=access.user,
            collective=access.collective,
            action=audit.Action.CHANGE,
            target=locked,
            subjects=found.residents,
            summary=f"message {locked.pk} queued for sending",
        )
    transaction.on_commit(lambda: send_message.enqueue(message_id=locked.pk))
    return found.by_mail


def forget_resident(sender, resident, **kwargs) -> None:
    """An erased resident's delivery rows stop pointing at them; the counts per message stay."""
    Delivery.objects.filter(resident_id=resident.pk).update(resident=None)

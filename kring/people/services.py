"""Every change to residents, their consent and the conversations held with them."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.core.locking import check_version

from .models import (
    Consent,
    ConsentMethod,
    ConsentPurpose,
    Conversation,
    Resident,
)
from .signals import consents_set


@transaction.atomic
def create_resident(*, access: CollectiveAccess, resident: Resident) -> Resident:
    resident.collective = access.collective
    resident.created_by = access.user
    audit.save_and_record(resident, access=access, action=audit.Action.CREATE)
    return resident


@transaction.atomic
def update_resident(
    *, access: CollectiveAccess, resident: Resident, expected_version: int | None = None
) -> Resident:
    """Save changes; with ``expected_version`` (from the edit form) a change someone else saved
    meanwhile raises kring.core.locking.EditConflict instead of being overwritten."""
    if resident.collective_id != access.collective.pk:
        raise ValueError("resident belongs to another collective")
    check_version(resident, expected_version)
    audit.save_and_record(resident, access=access, action=audit.Action.CHANGE)
    return resident


@transaction.atomic
def set_consents(
    *,
    access: CollectiveAccess,
    resident: Resident,
    purposes: set[str],
    method: str,
    given_at=None,
    expected_version: int | None = None,
) -> Resident:
    """Make the resident's active consents exactly ``purposes``: new ones are recorded with
    method, time and who recorded them; ones left out are withdrawn at once. Consent is part
    of the resident's record: it moves to a new version, and with ``expected_version`` (from
    the consent form) a change saved meanwhile raises EditConflict, so a stale form never gives
    back a consent that was just withdrawn."""
    check_version(resident, expected_version)
    Resident.objects.filter(pk=resident.pk).update(version=resident.version)
    now = timezone.now()
    active = {
        c.purpose: c
        for c in Consent.objects.select_for_update().filter(
            resident=resident, withdrawn_at__isnull=True
        )
    }
    for purpose, consent in active.items():
        if purpose not in purposes:
            consent.withdrawn_at = now
            consent.save(update_fields=["withdrawn_at"])
            audit.record(
                actor=access.user,
                collective=access.collective,
                action=audit.Action.WITHDRAW,
                target=resident,
                summary=f"consent withdrawn: {purpose}",
            )
    for purpose in purposes:
        if purpose not in active:
            Consent.objects.create(
                resident=resident,
                purpose=purpose,
                method=method,
                given_at=given_at or now,
                recorded_by=access.user,
            )
            audit.record(
                actor=access.user,
                collective=access.collective,
                action=audit.Action.CONSENT,
                target=resident,
                summary=f"consent given: {purpose} ({method})",
            )
    # The assets app removes the gifts when the inventory consent went and forgets its counts.
    consents_set.send(sender=Resident, access=access, resident=resident, purposes=set(purposes))
    return resident


@transaction.atomic
def withdraw_own_consent(*, resident: Resident, purpose: str, user=None) -> bool:
    """The resident withdraws one consent themself (the link in a mail): recorded as by the
    resident, digital, and stopped at once. Returns False when there was nothing to withdraw.
    The inventory consent is withdrawn through ``set_consents``, which also removes gifts."""
    if purpose == ConsentPurpose.INVENTORY:
        raise ValueError("withdraw the inventory consent with set_consents")
    withdrawn = Consent.objects.filter(
        resident=resident, purpose=purpose, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
    if withdrawn:
        audit.record(
            actor=user,
            collective=resident.collective_id,
            action=audit.Action.WITHDRAW,
            target=resident,
            summary=f"consent withdrawn by the resident ({ConsentMethod.DIGITAL}): {purpose}",
        )
    return bool(withdrawn)


@transaction.atomic
def record_conversation(
    *, access: CollectiveAccess, resident: Resident, held_on: date, method: str
) -> Conversation:
    """A conversation held with the resident (what came of it is kept by the app that asked:
    the gifts of a gaven-gesprek by ``kring.assets``)."""
    if resident.collective_id != access.collective.pk:
        raise ValueError("resident belongs to another collective")
    return Conversation.objects.create(
        collective=access.collective,
        resident=resident,
        held_on=held_on,
        held_by=access.user,
        method=method,
    )

"""A resident's notice preferences, a collective's follow-up days, and forgetting a resident's
notices in an erasure."""

import logging

from django.db import transaction
from django.utils import timezone

from kring.people.models import Resident
from kring.privacy import audit

from ..models import (
    ChangedBy,
    FollowUp,
    NoticeDelivery,
    NoticeItem,
    NoticePreference,
    NoticeSettings,
    Rhythm,
    Scope,
)

log = logging.getLogger(__name__)


@transaction.atomic
def set_preference(
    *, resident: Resident, rhythm: str, scope: str, changed_by: str, actor=None
) -> NoticePreference:
    """Save how often (and about which asks) the resident hears; by the resident through a
    signed link, or by a buurtmaker who noted the resident's say-so. "Geen berichten" also drops
    what was waiting for the next mail."""
    if rhythm not in Rhythm.values or scope not in Scope.values:
        raise ValueError(f"unknown rhythm {rhythm!r} or scope {scope!r}")
    if changed_by not in ChangedBy.values:
        raise ValueError(f"unknown changed_by {changed_by!r}")
    preference, _created = NoticePreference.objects.update_or_create(
        resident=resident,
        defaults={
            "rhythm": rhythm,
            "scope": scope,
            "changed_by": changed_by,
            "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
            "changed_at": timezone.now(),
        },
    )
    if rhythm == Rhythm.OFF:
        NoticeItem.objects.filter(resident=resident, delivery__isnull=True).delete()
    audit.record(
        actor=actor,
        collective=resident.collective_id,
        action=audit.Action.CHANGE,
        target=preference,
        subject=resident,
        summary=f"notices {rhythm} {scope} ({changed_by})",
    )
    return preference


@transaction.atomic
def set_followup_days(*, collective, days: int) -> NoticeSettings:
    if not 1 <= days <= 90:
        raise ValueError("days must be between 1 and 90")
    found, _created = NoticeSettings.objects.update_or_create(
        collective=collective, defaults={"followup_days": days}
    )
    return found


def forget_resident(*, resident: Resident) -> dict[str, int]:
    """Erasure (a part registered with kring.core.erasure): the resident's notice choice, the
    asks found for them and the rows of mails sent go; follow-ups stay as counts without the
    link to the resident (the answer on the connection loses its line in the erasure itself)."""
    counts = {
        "items": NoticeItem.objects.filter(resident=resident).delete()[0],
        "deliveries": NoticeDelivery.objects.filter(resident=resident).delete()[0],
        "preference": NoticePreference.objects.filter(resident=resident).delete()[0],
        "followups": FollowUp.objects.filter(resident=resident).update(resident=None),
    }
    log.info("notices of resident %s erased: %s", resident.pk, counts)
    return counts

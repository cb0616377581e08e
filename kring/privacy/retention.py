"""Retention: data is kept no longer than needed. Periods come from KRING_RETENTION_* settings
(days). Run daily by `manage.py apply_retention` (cron) or its background task."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kring.assets.models import Asset
from kring.communities.models import Invitation
from kring.core import retention
from kring.people.models import Consent, Conversation, Resident

from . import audit
from .models import AuditCheckpoint, AuditEntry
from .services import erase_resident


@dataclass
class RetentionResult:
    residents: list[int] = field(default_factory=list)
    consents: int = 0
    invitations: int = 0
    audit_entries: int = 0
    # What other apps keep past its time, reported by the purges they registered in
    # kring.core.retention: (what, how many, after how long).
    others: list[tuple[str, int, str]] = field(default_factory=list)

    def lines(self) -> list[tuple[str, int, str]]:
        """(kind, how many, after how long) for the command's report."""
        days = "{} days".format
        return [
            (
                "inactive residents erased",
                len(self.residents),
                days(settings.KRING_RETENTION_RESIDENT_DAYS),
            ),
            (
                "withdrawn consents deleted",
                self.consents,
                days(settings.KRING_RETENTION_CONSENT_DAYS),
            ),
            (
                "old invitations deleted",
                self.invitations,
                days(settings.KRING_RETENTION_INVITATION_DAYS),
            ),
            (
                "audit entries deleted",
                self.audit_entries,
                days(settings.KRING_RETENTION_AUDIT_DAYS),
            ),
            *self.others,
        ]


def _cutoff(days: int):
    return timezone.now() - timedelta(days=days)


def inactive_residents():
    """Residents with no conversation, change, consent, gift change or log-in in the period."""
    cutoff = _cutoff(settings.KRING_RETENTION_RESIDENT_DAYS)
    recent_conversation = Conversation.objects.filter(
        resident=OuterRef("pk"), held_on__gte=cutoff.date()
    )
    recent_consent = Consent.objects.filter(resident=OuterRef("pk")).filter(
        Q(given_at__gte=cutoff) | Q(withdrawn_at__gte=cutoff)
    )
    recent_gift = Asset.objects.filter(resident=OuterRef("pk"), updated_at__gte=cutoff)
    return (
        Resident.objects.filter(erased_at__isnull=True, updated_at__lt=cutoff)
        .exclude(user__last_login__gte=cutoff)
        .exclude(Exists(recent_conversation))
        .exclude(Exists(recent_consent))
        .exclude(Exists(recent_gift))
        .order_by("pk")
    )


def old_withdrawn_consents():
    return Consent.objects.filter(withdrawn_at__lt=_cutoff(settings.KRING_RETENTION_CONSENT_DAYS))


def old_invitations():
    cutoff = _cutoff(settings.KRING_RETENTION_INVITATION_DAYS)
    return Invitation.objects.filter(
        Q(expires_at__lt=cutoff) | Q(accepted_at__lt=cutoff) | Q(revoked_at__lt=cutoff)
    )


def old_audit_entries():
    return AuditEntry.objects.filter(at__lt=_cutoff(settings.KRING_RETENTION_AUDIT_DAYS))


def _trim_audit_chains() -> int:
    """Delete each chain's old beginning and leave a checkpoint where it now starts."""
    removed = 0
    chains = old_audit_entries().values_list("collective_id", flat=True).distinct().order_by()
    for collective_id in list(chains):
        with transaction.atomic():
            audit._lock_chain(collective_id)
            entries = AuditEntry.objects.filter(collective_id=collective_id)
            last = old_audit_entries().filter(collective_id=collective_id).order_by("-id").first()
            if last is None:
                continue
            count, _ = entries.filter(id__lte=last.pk).delete()
            checkpoint = AuditCheckpoint(
                collective_id=collective_id,
                last_hash=last.hash,
                last_entry_id=last.pk,
                removed=count,
                removed_until=last.at,
            )
            checkpoint.mac = audit.checkpoint_mac(checkpoint)
            checkpoint.save()
            removed += count
    return removed


def apply_retention(*, dry_run: bool = False) -> RetentionResult:
    result = RetentionResult(
        residents=list(inactive_residents().values_list("pk", flat=True)),
        consents=old_withdrawn_consents().count(),
        invitations=old_invitations().count(),
        audit_entries=old_audit_entries().count(),
        # Files made or uploaded for one job (moving archives hold every resident of a
        # collective), old sign-ups' contact details, ...: each app registered its purge.
        others=retention.run_all(dry_run=dry_run),
    )
    if dry_run:
        return result
    # The audit log first: the erasures below write new entries that must stay.
    result.audit_entries = _trim_audit_chains()
    for resident in Resident.objects.filter(pk__in=result.residents).select_related("user"):
        erase_resident(actor=None, resident=resident, reason="retention")
    with transaction.atomic():
        result.consents, _ = old_withdrawn_consents().delete()
        result.invitations, _ = old_invitations().delete()
    return result

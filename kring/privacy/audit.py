"""The one helper through which every service that touches personal data writes the audit log,
and the check that the log was not changed behind its back.

Entries form one hash chain per collective (and one for entries without a collective): each
stores the SHA-256 of its own content including the previous entry's hash. Changing, inserting
or removing a row breaks the chain from that row on. Writers of one chain are serialised: on
PostgreSQL with a transaction-scoped advisory lock, on SQLite by its single writer (Kring opens
SQLite transactions as IMMEDIATE)."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, models, transaction
from django.utils import timezone

from kring.core.bulk import Inserter

from .models import AuditCheckpoint, AuditEntry

Action = AuditEntry.Action

# First key of PostgreSQL's two-key advisory lock: "audit" chains, so other locks do not clash.
_LOCK_CLASS = 0x4B52


def entry_hash(entry: AuditEntry) -> str:
    return _hash(
        entry.collective_id,
        entry.at,
        entry.actor_ref,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.subject_id,
        entry.summary,
        entry.prev_hash,
    )


def _hash(
    collective_id, at, actor_ref, action, target_type, target_id, subject_id, summary, prev_hash
) -> str:
    content = [
        collective_id,
        at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        actor_ref,
        action,
        target_type,
        target_id,
        subject_id,
        summary,
        prev_hash,
    ]
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def _lock_chain(collective_id) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_CLASS, collective_id or 0]
            )


def _chain_head(collective_id) -> str:
    last = (
        AuditEntry.objects.filter(collective_id=collective_id)
        .order_by("-id")
        .values_list("hash", flat=True)
        .first()
    )
    if last is not None:
        return last
    checkpoint = (
        AuditCheckpoint.objects.filter(collective_id=collective_id)
        .order_by("-id")
        .values_list("last_hash", flat=True)
        .first()
    )
    return checkpoint or ""


def _subject_of(target: models.Model) -> int | None:
    if target._meta.label_lower == "people.resident":
        return target.pk
    return getattr(target, "resident_id", None)


def record(
    *,
    actor,
    collective,
    action: str,
    target: models.Model,
    summary: str = "",
    subject=None,
) -> AuditEntry:
    """Log one action. ``subject`` is the resident the action is about (a Resident or its
    number); by default the target itself or the target's resident. Summaries hold numbers and
    purposes, never names or contact details: the log outlives erasure."""
    subject_id = _subject_of(target) if subject is None else getattr(subject, "pk", subject)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    collective_id = getattr(collective, "pk", collective)
    with transaction.atomic():
        _lock_chain(collective_id)
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor,
            actor_ref=actor.pk if actor else None,
            collective_id=collective_id,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            subject_id=subject_id,
            summary=summary[:300],
            prev_hash=_chain_head(collective_id),
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
    return entry


@dataclass(frozen=True)
class ChainBreak:
    collective_id: int | None
    entry_id: int
    reason: str

    def __str__(self):
        return f"chain of collective {self.collective_id}: entry {self.entry_id}: {self.reason}"


def verify_chain(collective_id=...) -> list[ChainBreak]:
    """Every break in the chains (or in one collective's chain); empty when the log is intact."""
    entries = AuditEntry.objects.order_by("collective_id", "id")
    checkpoints = AuditCheckpoint.objects.order_by("id")
    if collective_id is not ...:
        entries = entries.filter(collective_id=collective_id)
        checkpoints = checkpoints.filter(collective_id=collective_id)
    anchors = {c.collective_id: c.last_hash for c in checkpoints}
    breaks: list[ChainBreak] = []
    previous: dict[int | None, str] = {}
    for entry in entries.iterator(chunk_size=2000):
        chain = entry.collective_id
        expected_prev = previous.get(chain, anchors.get(chain, ""))
        if entry.prev_hash != expected_prev:
            breaks.append(ChainBreak(chain, entry.pk, "previous hash does not match"))
        if entry.hash != entry_hash(entry):
            breaks.append(ChainBreak(chain, entry.pk, "content does not match its hash"))
        previous[chain] = entry.hash
    return breaks


def record_many(
    *, actor, collective, action: str, target: models.Model, subjects, summary: str = ""
) -> int:
    """Log one action about many residents at once (a list export): one entry per resident,
    so inzage shows each of them, written with one lock and one insert."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    collective_id = getattr(collective, "pk", collective)
    subject_ids = sorted({getattr(s, "pk", s) for s in subjects})
    target_type, target_id, summary = target._meta.label_lower, str(target.pk), summary[:300]
    actor_ref = actor.pk if actor else None
    with transaction.atomic():
        _lock_chain(collective_id)
        previous = _chain_head(collective_id)
        # Plain rows through the bulk inserter (an import writes one entry per resident it
        # touched: ten thousand model objects through bulk_create took seconds); the values
        # and their order in the chain are what record() would write one by one.
        inserter = Inserter(
            AuditEntry,
            AuditEntry(
                actor=actor,
                actor_ref=actor_ref,
                collective_id=collective_id,
                action=action,
                target_type=target_type,
                target_id=target_id,
                summary=summary,
            ),
        )
        at_field = AuditEntry._meta.get_field("at")
        rows = []
        for subject_id in subject_ids:
            at = timezone.now()
            digest = _hash(
                collective_id,
                at,
                actor_ref,
                action,
                target_type,
                target_id,
                subject_id,
                summary,
                previous,
            )
            rows.append(
                inserter.row(
                    at=at_field.get_db_prep_save(at, connection),
                    subject_id=subject_id,
                    prev_hash=previous,
                    hash=digest,
                )
            )
            previous = digest
        # Rows go in in this order, so their keys keep the chain's order.
        inserter.insert(rows)
    return len(rows)

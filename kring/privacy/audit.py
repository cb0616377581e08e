"""The one helper through which every service that touches personal data writes the audit log,
and the check that the log was not changed behind its back.

Entries form one hash chain per collective (and one for entries without a collective): each
stores a keyed hash (HMAC-SHA256 with ``KRING_AUDIT_KEY``) of its own content including the
previous entry's hash. Changing, inserting or removing a row breaks the chain from that row on,
and without the key nobody can make the hashes fit again. Each entry names its algorithm:
entries from before the key ("sha256", plain SHA-256) stay checkable, and a plain hash after a
keyed one in the same chain is a re-hashed chain. Removed newest entries do not break a chain;
the chain heads written outside the database (kring.privacy.anchors) catch those.

Writers of one chain are serialised: on PostgreSQL with a transaction-scoped advisory lock, on
SQLite by its single writer (Kring opens SQLite transactions as IMMEDIATE)."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.core.bulk import Inserter

from .models import AuditCheckpoint, AuditEntry

Action = AuditEntry.Action

# First key of PostgreSQL's two-key advisory lock: "audit" chains, so other locks do not clash.
_LOCK_CLASS = 0x4B52

KEYED = "hmac-sha256"
LEGACY = "sha256"


def keyed_digest(data: bytes) -> str:
    """HMAC-SHA256 with the audit key: for entries, checkpoints and anchors."""
    return hmac.new(settings.KRING_AUDIT_KEY.encode(), data, hashlib.sha256).hexdigest()


def canonical(content) -> bytes:
    return json.dumps(content, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def timestamp(at) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(entry: AuditEntry) -> str:
    """The hash the entry should carry, by its own algorithm ("" for an unknown one)."""
    return _hash(
        entry.algorithm,
        entry.collective_id,
        entry.at,
        entry.actor_ref,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.subject_id,
        entry.summary,
        entry.prev_hash,
        entry.origin_hash,
    )


def _hash(
    algorithm,
    collective_id,
    at,
    actor_ref,
    action,
    target_type,
    target_id,
    subject_id,
    summary,
    prev_hash,
    origin_hash="",
) -> str:
    content = [
        collective_id,
        timestamp(at),
        actor_ref,
        action,
        target_type,
        target_id,
        subject_id,
        summary,
        prev_hash,
    ]
    if algorithm == KEYED:
        # The algorithm is part of what is signed, so it cannot be changed either.
        return keyed_digest(canonical([KEYED, *content, origin_hash]))
    if algorithm == LEGACY:
        return hashlib.sha256(canonical(content)).hexdigest()
    return ""


def checkpoint_mac(checkpoint: AuditCheckpoint) -> str:
    return keyed_digest(
        canonical(
            [
                "checkpoint",
                checkpoint.collective_id,
                checkpoint.last_hash,
                checkpoint.last_entry_id,
                checkpoint.removed,
                timestamp(checkpoint.removed_until),
            ]
        )
    )


def _lock_chain(collective_id) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_CLASS, collective_id or 0]
            )


def chain_head(collective_id) -> str:
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


_UNSET = object()


def _who(access, actor, collective) -> tuple:
    """Who acts, in which collective: from a member's access, or named; never left out."""
    if access is not None:
        return access.user, access.collective
    if actor is _UNSET or collective is _UNSET:
        raise TypeError("say who acts: access, or actor and collective")
    return actor, collective


def record(
    *,
    action: str,
    target: models.Model,
    summary: str = "",
    subject=None,
    access=None,
    actor=_UNSET,
    collective=_UNSET,
) -> AuditEntry:
    """Log one action, by ``access`` (a member's access to a collective: its user and its
    collective) or by ``actor`` in ``collective`` (None for a public visitor or a chain without
    a collective). ``subject`` is the resident the action is about (a Resident or its number);
    by default the target itself or the target's resident. Summaries hold numbers and
    purposes, never names or contact details: the log outlives erasure."""
    actor, collective = _who(access, actor, collective)
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
            prev_hash=chain_head(collective_id),
            algorithm=KEYED,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
    return entry


def save_and_record(
    obj: models.Model,
    *,
    action: str,
    summary: str = "",
    subject=None,
    update_fields: list[str] | None = None,
    access=None,
    actor=_UNSET,
    collective=_UNSET,
) -> AuditEntry:
    """Save a changed row and log the change, both or neither: the one way a service stores a
    change to personal data. Who acts is given as for ``record``."""
    with transaction.atomic():
        if update_fields is None:
            obj.save()
        else:
            obj.save(update_fields=update_fields)
        return record(
            action=action,
            target=obj,
            summary=summary,
            subject=subject,
            access=access,
            actor=actor,
            collective=collective,
        )


@dataclass(frozen=True)
class ChainBreak:
    """One finding, with a plain Dutch message for the operator. ``kind`` is one of "changed",
    "removed", "rehashed", "start", "truncated", "emptied" or "anchor"."""

    collective_id: int | None
    entry_id: int | None
    kind: str
    message: str

    def __str__(self):
        return self.message


def chain_name(collective_id) -> str:
    if collective_id is None:
        return _("het logboek zonder collectief")
    return _("het logboek van collectief %(number)s") % {"number": collective_id}


def verify_chain(collective_id=...) -> list[ChainBreak]:
    """Every break in the chains (or in one collective's chain) that the database itself shows:
    a changed entry, a removed one in the middle, a chain re-hashed with the old algorithm, a
    made-up checkpoint. Empty when intact. Removed newest entries and an emptied log need the
    anchors outside the database: kring.privacy.anchors.verify."""
    entries = AuditEntry.objects.order_by("collective_id", "id")
    checkpoints = AuditCheckpoint.objects.order_by("id")
    if collective_id is not ...:
        entries = entries.filter(collective_id=collective_id)
        checkpoints = checkpoints.filter(collective_id=collective_id)
    starts = {c.collective_id: c for c in checkpoints}
    breaks: list[ChainBreak] = []
    previous: dict[int | None, AuditEntry] = {}
    for entry in entries.iterator(chunk_size=2000):
        chain = entry.collective_id
        before = previous.get(chain)
        if before is None:
            start = starts.get(chain)
            expected_prev = start.last_hash if start else ""
            if start is not None and not _checkpoint_holds(start, entry):
                breaks.append(_break(chain, entry, "start"))
        else:
            expected_prev = before.hash
        if entry.prev_hash != expected_prev:
            breaks.append(_break(chain, entry, "removed", before))
        if entry.algorithm == LEGACY and before is not None and before.algorithm != LEGACY:
            breaks.append(_break(chain, entry, "rehashed"))
        elif entry.hash != entry_hash(entry):
            breaks.append(_break(chain, entry, "changed"))
        previous[chain] = entry
    return breaks


def _checkpoint_holds(checkpoint: AuditCheckpoint, first: AuditEntry) -> bool:
    """A checkpoint made with the key must carry its keyed hash; one from before the key is
    only believed in front of entries from before the key."""
    if checkpoint.mac:
        return hmac.compare_digest(checkpoint.mac, checkpoint_mac(checkpoint))
    return first.algorithm == LEGACY


def _break(chain, entry, kind, before=None) -> ChainBreak:
    name = chain_name(chain)
    if kind == "changed":
        message = _(
            "In %(chain)s is regel %(entry)s veranderd: de inhoud past niet meer bij de "
            "vastgelegde code."
        )
    elif kind == "removed":
        if before is None:
            message = _(
                "In %(chain)s ontbreken regels vóór regel %(entry)s: ze zijn verwijderd of de "
                "volgorde is veranderd."
            )
        else:
            message = _(
                "In %(chain)s ontbreken regels tussen regel %(before)s en regel %(entry)s: ze "
                "zijn verwijderd of de volgorde is veranderd."
            )
    elif kind == "rehashed":
        message = _(
            "In %(chain)s is regel %(entry)s opnieuw berekend met het oude algoritme (SHA-256 "
            "zonder sleutel), na regels met sleutel: het logboek is herschreven."
        )
    else:
        message = _(
            "In %(chain)s is het begin weggehaald zonder geldig ijkpunt (vóór regel %(entry)s)."
        )
    values = {"chain": name, "entry": entry.pk, "before": before.pk if before else ""}
    return ChainBreak(chain, entry.pk, kind, message % values)


def record_many(
    *,
    action: str,
    target: models.Model,
    subjects,
    summary: str = "",
    access=None,
    actor=_UNSET,
    collective=_UNSET,
) -> int:
    """Log one action about many residents at once (a list export): one entry per resident,
    so inzage shows each of them, written with one lock and one insert. Who acts is given as
    for ``record``."""
    actor, collective = _who(access, actor, collective)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    collective_id = getattr(collective, "pk", collective)
    subject_ids = sorted({getattr(s, "pk", s) for s in subjects})
    target_type, target_id, summary = target._meta.label_lower, str(target.pk), summary[:300]
    actor_ref = actor.pk if actor else None
    with transaction.atomic():
        _lock_chain(collective_id)
        previous = chain_head(collective_id)
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
                algorithm=KEYED,
            ),
        )
        at_field = AuditEntry._meta.get_field("at")
        rows = []
        for subject_id in subject_ids:
            at = timezone.now()
            digest = _hash(
                KEYED,
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

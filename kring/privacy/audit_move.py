"""A collective's audit chain moving with it to another installation.

The other installation has another audit key, so it cannot check the old keyed hashes. What it
can check without the key: every entry links to the one before (none removed in the middle),
the last one is the head the archive names (none removed at the end), entries from before the
key (plain SHA-256) fit their content, and one digest covers every moved value. The old
installation writes that head and digest to its anchors when it makes the archive, so the two
operators can compare. The importing side then writes the entries into its own keyed chain, each
keeping its old hash (``origin_hash``), and checks that chain."""

import hashlib
from collections.abc import Callable

from django.db import transaction
from django.utils.dateparse import parse_datetime

from . import anchors, audit
from .models import AuditEntry


class ChainMoveError(Exception):
    """The moved chain does not hold; the message says what, in Dutch."""


FIELDS = (
    "id",
    "at",
    "actor_ref",
    "action",
    "target_type",
    "target_id",
    "subject_id",
    "summary",
    "prev_hash",
    "hash",
    "algorithm",
    "origin_hash",
)


def _digest(rows: list[dict]) -> str:
    return hashlib.sha256(audit.canonical(rows)).hexdigest()


def export_chain(collective) -> dict:
    """The chain as plain values, its head and a digest; anchors the head here."""
    rows = []
    for entry in AuditEntry.objects.filter(collective=collective).order_by("id"):
        row = {name: getattr(entry, name) for name in FIELDS}
        row["at"] = audit.timestamp(entry.at)
        rows.append(row)
    payload = {
        "collective_id": collective.pk,
        "entries": rows,
        "head": rows[-1]["hash"] if rows else "",
        "digest": _digest(rows),
        "findings": [str(f) for f in audit.verify_chain(collective.pk)],
    }
    anchors.anchor_now(reason="export", note=f"{collective.slug} {payload['digest']}")
    return payload


def check_chain(payload: dict) -> None:
    """What can be checked without the old installation's key."""
    rows = payload.get("entries") or []
    if _digest(rows) != payload.get("digest"):
        raise ChainMoveError(
            "Het logboek in het archief past niet bij zijn controlegetal: er is iets aan "
            "veranderd. Er is niets ingelezen."
        )
    previous = rows[0]["prev_hash"] if rows else ""
    for row in rows:
        if row["prev_hash"] != previous:
            raise ChainMoveError(
                f"In het logboek in het archief ontbreken regels vóór regel {row['id']}. Er is "
                "niets ingelezen."
            )
        if row["algorithm"] == audit.LEGACY:
            expected = audit._hash(
                audit.LEGACY,
                payload["collective_id"],
                parse_datetime(row["at"]),
                *(row[n] for n in FIELDS[2:9]),
            )
            if expected != row["hash"]:
                raise ChainMoveError(
                    f"Regel {row['id']} van het logboek in het archief is veranderd. Er is "
                    "niets ingelezen."
                )
        previous = row["hash"]
    if previous != payload.get("head", ""):
        raise ChainMoveError(
            "Het logboek in het archief eindigt niet bij de laatste regel die het archief "
            "noemt: de nieuwste regels zijn weggehaald. Er is niets ingelezen."
        )


def import_chain(
    *, collective, payload: dict, user: Callable, target: Callable, subject: Callable
) -> int:
    """Write the moved entries into this installation's keyed chain of ``collective``, with
    this installation's numbers (``user``, ``target`` and ``subject`` translate old numbers;
    ``target`` returns None for what did not move). Returns how many."""
    check_chain(payload)
    rows = payload.get("entries") or []
    with transaction.atomic():
        audit._lock_chain(collective.pk)
        previous = audit.chain_head(collective.pk)
        entries = []
        for row in rows:
            actor = user(row["actor_ref"])
            moved_target = target(row["target_type"], row["target_id"])
            entry = AuditEntry(
                at=parse_datetime(row["at"]),
                actor_id=actor,
                actor_ref=actor,
                collective_id=collective.pk,
                action=row["action"],
                target_type=row["target_type"],
                # What did not move keeps its old number, marked as such.
                target_id=moved_target or f"oud:{row['target_id']}"[:50],
                subject_id=subject(row["subject_id"]),
                summary=row["summary"],
                prev_hash=previous,
                algorithm=audit.KEYED,
                origin_hash=row["hash"],
            )
            entry.hash = audit.entry_hash(entry)
            previous = entry.hash
            entries.append(entry)
        # In this order, so their numbers keep the chain's order.
        AuditEntry.objects.bulk_create(entries, batch_size=1000)
    breaks = audit.verify_chain(collective.pk)
    if breaks:
        raise ChainMoveError(
            f"Het meegekomen logboek klopt hier niet: {breaks[0]}. Er is niets ingelezen."
        )
    return len(entries)

"""The audit log's chain heads, written outside the database.

A keyed chain shows a changed or removed entry, but not removed *newest* entries, nor a log
emptied by a wiped or restored database: what is left still chains. So every
``KRING_AUDIT_ANCHOR_MINUTES`` (the background task), with every backup and on request
(``manage.py anchor_audit_chain``), each chain's last entry, its hash, its number of entries and
where its plain-SHA-256 entries end is appended as one JSON line to ``audit-anchors.jsonl`` in
``KRING_AUDIT_ANCHOR_DIR``, with a keyed hash over the line, and written as a line to the log
(which an installation ships elsewhere). ``verify`` compares the database with the last anchor.

A new anchor is only written when the database still matches the last one, so the periodic run
never blesses a truncated log; after a deliberate change (an older backup restored) the operator
accepts it with ``anchor_audit_chain --accept``."""

import hmac
import json
import logging
import os
import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import audit
from .audit import ChainBreak, chain_name
from .models import AuditCheckpoint, AuditEntry

logger = logging.getLogger("kring.audit")

FILE_NAME = "audit-anchors.jsonl"
# The summary of the entry that closes the chain of a deleted collective (see signals.py).
CLOSED = re.compile(r"laatste regel (\d+) ([0-9a-f]{64})")


def anchor_file() -> Path:
    return Path(settings.KRING_AUDIT_ANCHOR_DIR) / FILE_NAME


def current_heads() -> list[dict]:
    """Per chain: its last entry and that entry's hash, its number of entries and the last
    entry hashed without the key (0: none)."""
    rows = list(
        AuditEntry.objects.values("collective_id")
        .annotate(
            last=Max("id"),
            entries=Count("id"),
            legacy=Max("id", filter=Q(algorithm=audit.LEGACY)),
        )
        .order_by()
    )
    hashes = dict(
        AuditEntry.objects.filter(id__in=[r["last"] for r in rows]).values_list("id", "hash")
    )
    heads = [
        {
            "collective": r["collective_id"],
            "last_id": r["last"],
            "last_hash": hashes[r["last"]],
            "entries": r["entries"],
            "legacy_until": r["legacy"] or 0,
        }
        for r in rows
    ]
    return sorted(heads, key=lambda h: (h["collective"] is not None, h["collective"] or 0))


def _mac(anchor: dict) -> str:
    return audit.keyed_digest(audit.canonical({k: v for k, v in anchor.items() if k != "mac"}))


def make_anchor(*, reason: str, note: str = "") -> dict:
    anchor = {
        "at": timezone.now().isoformat(),
        "reason": reason,
        "note": note,
        "chains": current_heads(),
    }
    anchor["mac"] = _mac(anchor)
    return anchor


def is_genuine(anchor: dict) -> bool:
    return isinstance(anchor, dict) and hmac.compare_digest(
        str(anchor.get("mac", "")), _mac(anchor)
    )


def read_anchors() -> tuple[list[dict], list[ChainBreak]]:
    """The genuine anchors in the file, oldest first, and a finding per line that is not."""
    path = anchor_file()
    if not path.exists():
        return [], []
    anchors, problems = [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                anchor = json.loads(line)
            except ValueError:
                anchor = None
            if anchor is not None and is_genuine(anchor):
                anchors.append(anchor)
            else:
                problems.append(
                    ChainBreak(
                        None,
                        None,
                        "anchor",
                        _(
                            "Regel %(line)s van het ijkpuntbestand %(file)s klopt niet met de "
                            "sleutel: het bestand is veranderd, of de sleutel "
                            "(KRING_AUDIT_KEY) is een andere dan toen het werd geschreven."
                        )
                        % {"line": number, "file": path},
                    )
                )
    return anchors, problems


def last_anchor() -> tuple[dict | None, list[ChainBreak]]:
    anchors, problems = read_anchors()
    return (anchors[-1] if anchors else None), problems


def _append(anchor: dict) -> Path:
    path = anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(anchor, sort_keys=True, separators=(",", ":")) + "\n"
    # Opened for appending only: an anchor never replaces an earlier one.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(descriptor, line.encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    heads = " ".join(
        f"{h['collective'] if h['collective'] is not None else '-'}:{h['last_id']}:{h['last_hash']}"
        for h in anchor["chains"]
    )
    logger.info(
        "audit anchor (%s%s) at %s, chain:last entry:hash %s mac %s",
        anchor["reason"],
        f", {anchor['note']}" if anchor["note"] else "",
        anchor["at"],
        heads or "(empty log)",
        anchor["mac"],
    )
    return path


def write_anchor(anchor: dict, *, accept: bool = False) -> list[ChainBreak]:
    """Append the anchor unless the database no longer matches the last one (then the findings
    are logged and returned, and nothing is written); ``accept`` writes it anyway, recording
    the findings it accepted in its note."""
    previous, _problems = last_anchor()
    findings = compare(previous) if previous else []
    if findings and not accept:
        for finding in findings:
            logger.error("audit anchor not written: %s", finding)
        return findings
    if findings:
        anchor = {**anchor, "note": f"{anchor['note']} accepted: {len(findings)} finding(s)"}
        anchor["mac"] = _mac(anchor)
    _append(anchor)
    return findings


def anchor_now(*, reason: str, note: str = "", accept: bool = False) -> tuple[dict, list]:
    anchor = make_anchor(reason=reason, note=note)
    return anchor, write_anchor(anchor, accept=accept)


# --- Comparing with an anchor -------------------------------------------------------------


def _trimmed_until() -> dict:
    """Per chain, the last entry that retention removed (under a checkpoint with the key)."""
    trimmed: dict = {}
    for checkpoint in AuditCheckpoint.objects.exclude(mac="").exclude(last_entry_id=None):
        if hmac.compare_digest(checkpoint.mac, audit.checkpoint_mac(checkpoint)):
            chain = checkpoint.collective_id
            trimmed[chain] = max(trimmed.get(chain, 0), checkpoint.last_entry_id)
    return trimmed


def _closed_until() -> dict:
    """Per deleted collective, the last entry its chain had when it went (signals.py)."""
    closed = {}
    entries = AuditEntry.objects.filter(
        collective_id=None,
        action=AuditEntry.Action.DELETE,
        target_type="communities.collective",
    ).values_list("target_id", "summary")
    for target_id, summary in entries:
        found = CLOSED.search(summary)
        if found:
            closed[int(target_id)] = int(found.group(1))
    return closed


def compare(anchor: dict) -> list[ChainBreak]:
    """What changed since the anchor that may not: removed newest entries, an anchored entry
    removed or changed, entries re-hashed with the old algorithm, an emptied log."""
    now = {h["collective"]: h for h in current_heads()}
    trimmed, closed = _trimmed_until(), _closed_until()
    when = _when(anchor)
    findings: list[ChainBreak] = []
    emptied = []
    for head in anchor.get("chains", []):
        chain, last_id = head["collective"], head["last_id"]
        gone_legitimately = max(trimmed.get(chain, 0), closed.get(chain, 0)) >= last_id
        current = now.get(chain)
        values = {"chain": chain_name(chain), "when": when, "entry": last_id}
        if current is None:
            if not gone_legitimately:
                emptied.append(head)
            continue
        for found in (
            _last_entry_break(head, current, gone_legitimately=gone_legitimately, values=values),
            _rehashed_break(head, values=values),
        ):
            if found is not None:
                findings.append(found)
    if emptied:
        findings.extend(_emptied(emptied, whole=not now, when=when))
    return findings


def _last_entry_break(
    head: dict, current: dict, *, gone_legitimately: bool, values: dict
) -> ChainBreak | None:
    """The chain's anchored last entry: newer entries than it removed, or it removed or changed."""
    chain, last_id = head["collective"], head["last_id"]
    if current["last_id"] < last_id and not gone_legitimately:
        return ChainBreak(
            chain,
            last_id,
            "truncated",
            _(
                "In %(chain)s zijn de nieuwste regels verwijderd: het ijkpunt van "
                "%(when)s noemt regel %(entry)s als laatste, nu is regel %(now)s de "
                "laatste."
            )
            % {**values, "now": current["last_id"]},
        )
    anchored = AuditEntry.objects.filter(pk=last_id, collective_id=chain).first()
    if anchored is None and not gone_legitimately:
        return ChainBreak(
            chain,
            last_id,
            "removed",
            _("In %(chain)s is regel %(entry)s verwijderd, die het ijkpunt van %(when)s noemt.")
            % values,
        )
    if anchored is not None and anchored.hash != head["last_hash"]:
        return ChainBreak(
            chain,
            last_id,
            "changed",
            _(
                "In %(chain)s verschilt regel %(entry)s van het ijkpunt van "
                "%(when)s: het logboek is herschreven."
            )
            % values,
        )
    return None


def _rehashed_break(head: dict, *, values: dict) -> ChainBreak | None:
    """An entry after the anchor's keyed ones hashed again with the old, unkeyed algorithm."""
    rehashed = (
        AuditEntry.objects.filter(
            collective_id=head["collective"],
            algorithm=audit.LEGACY,
            id__gt=head.get("legacy_until", 0),
        )
        .order_by("id")
        .first()
    )
    if rehashed is None:
        return None
    return ChainBreak(
        head["collective"],
        rehashed.pk,
        "rehashed",
        _(
            "In %(chain)s is regel %(rehashed)s opnieuw berekend met het oude "
            "algoritme (SHA-256 zonder sleutel), terwijl het ijkpunt van %(when)s "
            "zegt dat die regel een sleutel had: het logboek is herschreven."
        )
        % {**values, "rehashed": rehashed.pk},
    )


def _emptied(heads: list[dict], *, whole: bool, when: str) -> list[ChainBreak]:
    if whole:
        return [
            ChainBreak(
                None,
                None,
                "emptied",
                _(
                    "Het logboek is leeg, maar het ijkpunt van %(when)s zegt dat er %(count)s "
                    "regels waren (in %(chains)s ketens). Is de database gewist, of een oudere "
                    "of lege backup teruggezet?"
                )
                % {
                    "when": when,
                    "count": sum(h["entries"] for h in heads),
                    "chains": len(heads),
                },
            )
        ]
    return [
        ChainBreak(
            h["collective"],
            None,
            "emptied",
            _(
                "%(chain)s is leeg, maar het ijkpunt van %(when)s zegt dat er %(count)s regels "
                "waren (tot regel %(entry)s)."
            )
            % {
                "chain": chain_name(h["collective"]).capitalize(),
                "when": when,
                "count": h["entries"],
                "entry": h["last_id"],
            },
        )
        for h in heads
    ]


def _when(anchor: dict) -> str:
    at = parse_datetime(anchor.get("at", ""))
    if at is None:
        return "?"
    return timezone.localtime(at).strftime("%d-%m-%Y %H:%M")


def verify(*, anchor: dict | None = ..., collective_id=...) -> list[ChainBreak]:
    """Every finding: the chains themselves, and the database against the anchor (by default
    the last one in the anchor file, whose own lines are checked too)."""
    problems: list[ChainBreak] = []
    if anchor is ...:
        anchor, problems = last_anchor()
    elif anchor is not None and not is_genuine(anchor):
        problems.append(
            ChainBreak(
                None,
                None,
                "anchor",
                _(
                    "Het ijkpunt klopt niet met de sleutel: het is veranderd, of deze "
                    "installatie heeft een andere KRING_AUDIT_KEY dan die het schreef."
                ),
            )
        )
        anchor = None
    problems += audit.verify_chain(collective_id)
    if anchor is not None:
        findings = compare(anchor)
        if collective_id is not ...:
            findings = [f for f in findings if f.collective_id == collective_id]
        problems += findings
    return problems


def is_stale(anchor: dict | None) -> bool:
    """Whether the last anchor is older than twice the interval: the periodic run stopped."""
    if anchor is None:
        return True
    at = parse_datetime(anchor.get("at", ""))
    interval = timedelta(minutes=settings.KRING_AUDIT_ANCHOR_MINUTES)
    return at is None or timezone.now() - at > 2 * interval

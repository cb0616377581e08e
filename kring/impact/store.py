"""Work kept between questions for ``aggregates`` (the ``FigureStore`` table).

- **Counts per collective.** A collective's raw counts for one year are kept under a key made of
  its fingerprint: per kind of record the newest row and the newest change (where the model
  records one), each read from one index entry. A new or edited record changes the key; saving
  or deleting any counted record through the ORM also removes the collective's rows at once
  (``changes.forget``), which covers removals and edits of records that keep no change time, and
  ``aggregates`` asks which rows are kept. What neither catches (SQL past the ORM, a bulk
  ``QuerySet.update`` of a record without a change time) is counted anew after
  ``COUNTS_MAX_AGE``. So a change makes one collective be counted again, not all of them.
- **Suppression patterns.** Kept under a hash of the table they were made for, so they are
  never stale; unused ones are removed after ``PATTERN_MAX_AGE``.

Raw counts stay inside Kring: only ``aggregates`` reads this table, and shows suppressed and
rounded figures only."""

import datetime
import hashlib
import json

from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone

from kring.assets.models import Asset
from kring.communities.models import Collective
from kring.core.compiled import CompiledQuery
from kring.initiatives.models import Activity, Connection, Initiative, Need, Pledge, PublicTask
from kring.network.models import NetworkAnalysis

from . import indicators
from .models import FigureStore

COUNTS_MAX_AGE = datetime.timedelta(hours=1)
PATTERN_MAX_AGE = datetime.timedelta(days=30)


def digest(value) -> str:
    return hashlib.sha256(
        json.dumps(value, separators=(",", ":"), default=str).encode()
    ).hexdigest()


def counted():
    """(model, path to the collective, its change-time field or "", probed by index) for every
    counted record. Large tables are probed through an index on (collective, id) and
    (collective, change time) (migration 0004); small ones, and those reached through an
    initiative, by a small aggregate over the collective's rows."""
    return [
        (indicators.residents().model, "collective_id", "updated_at", True),
        (Asset, "collective_id", "updated_at", True),
        (Connection, "collective_id", "", True),
        (Initiative, "collective_id", "updated_at", True),
        (Activity, "collective_id", "", True),
        # An analysis is finished by an update (no signal): its finish time shows it.
        (NetworkAnalysis, "collective_id", "finished_at", False),
        (Need, "initiative__collective_id", "", False),
        (Pledge, "initiative__collective_id", "", False),
    ]


def _probes() -> dict:
    """Per counted kind, subqueries of one collective each: the newest id and, where the
    model has one, the newest change time."""
    probes = {}
    for n, (model, path, changes, indexed) in enumerate(counted()):
        mine = model.objects.filter(**{path: OuterRef("pk")})
        fields = {"top": "pk", **({"changed": changes} if changes else {})}
        for name, field in fields.items():
            if indexed:  # the last entry of the index: read one row
                newest = mine.order_by(f"-{field}").values(field)[:1]
            else:
                newest = mine.order_by().values(path).annotate(x=Max(field)).values("x")[:1]
            probes[f"k{n}_{name}"] = Subquery(newest)
    return probes


def fingerprints(collective_ids: list[int], *, tasks: bool = True) -> dict[int, list]:
    """Per collective: for every counted kind the newest id and newest change, plus the large
    tasks (opgaven), which every collective's counts depend on.

    One query, each part one index probe per collective, so asking costs the same for a
    collective of 100 records and one of 100,000. A new record raises the newest id; an edit
    through the ORM raises the newest change; a removal, and an edit of a record without a
    change time, forgets the kept counts (``changes.forget``), which ``kept_keys`` shows. What none
    of these sees (SQL past the ORM) is counted anew after ``COUNTS_MAX_AGE``."""
    prints: dict[int, list] = {cid: [] for cid in collective_ids}
    if not collective_ids:
        return prints
    if len(collective_ids) == 1:
        rows, names = _one_collective(collective_ids[0])
    else:
        probes = _probes()
        names = list(probes)
        rows = (
            Collective.objects.filter(pk__in=collective_ids)
            .order_by()
            .annotate(**probes)
            .values("pk", *names)
        )
    for row in rows:
        prints[row["pk"]] = [row[name] for name in names]
    if tasks:  # ``tasks=False``: figures that do not count by opgave save this query
        shared = list(PublicTask.objects.aggregate(n=Count("pk"), top=Max("pk")).values())
        for cid in collective_ids:
            prints[cid].append(shared)
    return prints


def _one_collective_query(collective_id: int):
    probes = _probes()
    return (
        Collective.objects.filter(pk=collective_id)
        .order_by()
        .annotate(**probes)
        .values("pk", *probes)
    )


# The overview's query on every visit, compiled once per database connection: making its
# fourteen subqueries cost the web process more than the database spent running them. The
# values pass through the ORM's converters, so they are what the query for several gives.
_ONE_COLLECTIVE = CompiledQuery(_one_collective_query, collective_id=int)


def _one_collective(collective_id: int) -> tuple[list[dict], list[str]]:
    rows = _ONE_COLLECTIVE.run(collective_id=collective_id)
    return rows, [name for name in rows[0] if name != "pk"] if rows else []


def kept_keys(collective_ids: list[int], year: int) -> dict[int, set[str]]:
    """The keys of the counts kept (and still fresh) for these collectives and year."""
    kept: dict[int, set[str]] = {}
    for cid, key in FigureStore.objects.filter(
        kind=FigureStore.Kind.COUNTS,
        collective_id__in=collective_ids,
        year=year,
        made_at__gte=timezone.now() - COUNTS_MAX_AGE,
    ).values_list("collective_id", "key"):
        kept.setdefault(cid, set()).add(key)
    return kept


def counts_key(cid: int, year: int, groups: list[str], fingerprint: list) -> str:
    return digest(["counts-4", cid, year, sorted(groups), fingerprint])


def load_counts(keys: dict[int, str]) -> dict[int, dict]:
    """Collective id -> {indicator: {(collective, buurt, month): value}} for the keys found."""
    if not keys:
        return {}
    fresh = timezone.now() - COUNTS_MAX_AGE
    wanted = {key: cid for cid, key in keys.items()}
    found = {}
    for key, data in FigureStore.objects.filter(
        kind=FigureStore.Kind.COUNTS, key__in=list(wanted), made_at__gte=fresh
    ).values_list("key", "data"):
        cid = wanted[key]
        found[cid] = {
            indicator: {(cid, b, m): v for b, m, v in cells} for indicator, cells in data.items()
        }
    return found


def save_counts(keys: dict[int, str], counts: dict[int, dict], year: int) -> None:
    """Keep freshly made counts. Rows of these collectives too old to be used go; others stay
    (another year: the dashboard asks for a year and the one before; another set of groups:
    a collective may share differently with two gemeenten). A change through the ORM forgets
    all of a collective's rows at once anyway."""
    if not keys:
        return
    FigureStore.objects.filter(
        kind=FigureStore.Kind.COUNTS,
        collective_id__in=list(keys),
        made_at__lt=timezone.now() - COUNTS_MAX_AGE,
    ).delete()
    FigureStore.objects.bulk_create(
        [
            FigureStore(
                kind=FigureStore.Kind.COUNTS,
                key=key,
                collective_id=cid,
                year=year,
                # {indicator: [[buurt, month, value], ...]}: the collective is the row's own.
                data={
                    indicator: [[b, m, v] for (_c, b, m), v in cells.items()]
                    for indicator, cells in sorted(counts.get(cid, {}).items())
                },
            )
            for cid, key in keys.items()
        ],
        ignore_conflicts=True,
    )


def load_patterns(keys: list[str]) -> dict[str, list[str]]:
    if not keys:
        return {}
    return dict(
        FigureStore.objects.filter(kind=FigureStore.Kind.PATTERN, key__in=keys).values_list(
            "key", "data"
        )
    )


def save_patterns(patterns: dict[str, list[str]]) -> None:
    if not patterns:
        return
    FigureStore.objects.filter(
        kind=FigureStore.Kind.PATTERN, made_at__lt=timezone.now() - PATTERN_MAX_AGE
    ).delete()
    FigureStore.objects.bulk_create(
        [
            FigureStore(kind=FigureStore.Kind.PATTERN, key=key, data=status)
            for key, status in patterns.items()
        ],
        ignore_conflicts=True,
    )

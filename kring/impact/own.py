"""A collective's own figures over the last twelve months, for its overview page. Its own
data, seen by its own members: no suppression is needed, and only counts leave here, never a
name. Added to the overview through ``kring.core.overview`` (see ``apps.py``)."""

import bisect
import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.assets.models import Asset, Category
from kring.core.overview import Section
from kring.initiatives.models import Activity, Connection, Initiative

from . import indicators, pictures, store, suppression
from .aggregates import Figure
from .charts import MONTHS

FIGURES = [
    ("residents", gettext_lazy("Nieuwe bewoners betrokken")),
    ("gifts", gettext_lazy("Gaven in kaart gebracht")),
    ("connections", gettext_lazy("Nieuwe verbindingen")),
    ("activities", gettext_lazy("Activiteiten")),
    ("hours", gettext_lazy("Uren vrijwillige hulp")),
    ("initiatives", gettext_lazy("Nieuwe initiatieven")),
]


def months_back(today: datetime.date, n: int = 12) -> list[datetime.date]:
    """The first day of each of the last ``n`` months, oldest first, and of the next month."""
    year, month = today.year, today.month
    firsts = []
    for _i in range(n):
        firsts.append(datetime.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    firsts.reverse()
    last = firsts[-1]
    following = datetime.date(last.year + last.month // 12, last.month % 12 + 1, 1)
    return [*firsts, following]


def _monthly(qs, date: str, starts: list, *, aware: bool, value: str | None = None) -> list:
    """Twelve sums (or counts) in one query, one per month."""
    if aware:
        starts = [
            timezone.make_aware(datetime.datetime.combine(d, datetime.time())) for d in starts
        ]
    return _monthly_many(qs, date, starts, measures={"v": value})["v"]


def own_cache_key(collective_id: int) -> str:
    return f"impact:own:{collective_id}"


# How long kept figures may be used at most. A change through the ORM is seen at once (the
# fingerprint below); a removal is forgotten by ``changes.forget``, which with a cache per
# process reaches only the process that made it: the others count again after this.
OWN_MAX_AGE = 15 * 60


def own_figures(collective, today: datetime.date | None = None) -> tuple[dict, list]:
    """Per figure twelve monthly counts, and the first days of those months (and the next).
    Kept in the cache with the collective's fingerprint (one query of index probes,
    ``store.fingerprints``): a new or changed counted record, made by any process on any node,
    makes the kept figures count again, so the overview does not count the collective on
    every visit and never shows figures from before a change elsewhere."""
    today = today or timezone.localdate()
    key = own_cache_key(collective.pk)
    # The overview counts nothing by opgave: the one query of the collective's probes will do.
    fingerprint = store.digest(store.fingerprints([collective.pk], tasks=False)[collective.pk])
    kept = cache.get(key)
    if kept is not None and kept[0] == today.isoformat() and kept[3] == fingerprint:
        return kept[1], kept[2]
    starts = months_back(today)
    activities = _monthly_many(
        Activity.objects.filter(collective=collective),
        "date",
        starts,
        measures={"activities": None, "hours": "hours_given"},
    )
    counts = {
        "residents": _monthly(
            indicators.residents().filter(collective=collective), "created_at", starts, aware=True
        ),
        "gifts": _monthly(
            Asset.objects.filter(collective=collective, category=Category.GIFT),
            "created_at",
            starts,
            aware=True,
        ),
        "connections": _new_ties_monthly(collective, starts),
        "activities": activities["activities"],
        "hours": activities["hours"],
        "initiatives": _monthly(
            Initiative.objects.filter(collective=collective), "created_at", starts, aware=True
        ),
    }
    cache.set(key, (today.isoformat(), counts, starts, fingerprint), OWN_MAX_AGE)
    return counts, starts


def _monthly_many(qs, date: str, starts: list, *, measures: dict) -> dict[str, list]:
    """Several monthly sums or counts of the same records in one query."""
    sums = {}
    for name, value in measures.items():
        for m in range(len(starts) - 1):
            within = Q(**{f"{date}__gte": starts[m], f"{date}__lt": starts[m + 1]})
            sums[f"{name}{m}"] = Sum(value, filter=within) if value else Count("id", filter=within)
    row = qs.filter(**{f"{date}__gte": starts[0], f"{date}__lt": starts[-1]}).aggregate(**sums)
    return {
        name: [round(row[f"{name}{m}"] or 0) for m in range(len(starts) - 1)] for name in measures
    }


def _new_ties_monthly(collective, starts: list) -> list[int]:
    """New connections per month, as the gemeente counts them: the first tie between two
    (``indicators.first_ties``). Counted by the database: each pair's first day in one
    grouped query, so the overview does not read the whole log into Python (that cost
    150–300 ms per collective on a log of 7,500 connections)."""
    # Each party as one number: a resident 3n, an initiative 3n + 1, an asset 3n + 2; a
    # missing party -1 or -2, as first_ties names it "i:None" or "a:None". An asset of a
    # resident is that resident, as there.
    one = Coalesce(F("resident_id") * 3, F("initiative_id") * 3 + 1, Value(-1))
    other = Coalesce(
        F("other_resident_id") * 3, F("asset__resident_id") * 3, F("asset_id") * 3 + 2, Value(-2)
    )
    pairs = (
        Connection.objects.filter(collective=collective, happened_on__lt=starts[-1])
        .annotate(one=one, other=other)
        .values(low=Least("one", "other"), high=Greatest("one", "other"))
        .annotate(first_met=Min("happened_on"))
        .filter(first_met__gte=starts[0])
        .values_list("first_met")
    )
    sql, params = pairs.query.sql_with_params()
    column = connection.ops.quote_name("first_met")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column}, COUNT(*) FROM ({sql}) pairs GROUP BY {column}", params)
        days = cursor.fetchall()
    counts = [0] * (len(starts) - 1)
    for day, n in days:
        if isinstance(day, str):  # SQLite answers a raw query's dates as text
            day = datetime.date.fromisoformat(day)
        counts[bisect.bisect_right(starts, day) - 1] += n
    return counts


def overview_varies(access) -> tuple[str]:
    """What the kept section depends on besides the collective's data: the day (its twelve
    months end with today's; a kept section of yesterday is not asked for after midnight)."""
    return (timezone.localdate().isoformat(),)


def overview_section(access) -> Section:
    counts, starts = own_figures(access.collective)
    labels = [_(MONTHS[d.month - 1]) for d in starts[:-1]]
    first, last = starts[0], starts[-2]
    cards = []
    for n, (key, label) in enumerate(FIGURES):
        series = [Figure(v, suppression.SHOWN) for v in counts[key]]
        cards.append(
            {
                "key": key,
                "label": label,
                "total": sum(counts[key]),
                "svg": mark_safe(
                    pictures.line_chart(str(label), series, uid=f"own{n}", labels=labels)
                ),
                "rows": list(zip(labels, counts[key], strict=True)),
            }
        )
    return Section(
        "impact/_own_trends.html",
        {"cards": cards, "first": first, "last": last},
    )

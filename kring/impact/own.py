"""A collective's own figures over the last twelve months, for its overview page. Its own
data, seen by its own members: no suppression is needed, and only counts leave here, never a
name. Added to the overview through ``kring.core.overview`` (see ``apps.py``)."""

import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring.assets.models import Asset, Category
from kring.core.overview import Section
from kring.initiatives.models import Activity, Connection, Initiative
from kring.people.models import Resident

from . import pictures, suppression
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
    bounds = starts
    if aware:
        bounds = [
            timezone.make_aware(datetime.datetime.combine(d, datetime.time())) for d in starts
        ]
    sums = {}
    for m in range(len(bounds) - 1):
        within = Q(**{f"{date}__gte": bounds[m], f"{date}__lt": bounds[m + 1]})
        sums[f"m{m}"] = Sum(value, filter=within) if value else Count("id", filter=within)
    row = qs.filter(**{f"{date}__gte": bounds[0], f"{date}__lt": bounds[-1]}).aggregate(**sums)
    return [round(row[f"m{m}"] or 0) for m in range(len(bounds) - 1)]


def own_figures(collective, today: datetime.date | None = None) -> tuple[dict, list]:
    """Per figure twelve monthly counts, and the first days of those months (and the next)."""
    starts = months_back(today or timezone.localdate())
    return {
        "residents": _monthly(
            Resident.objects.filter(collective=collective), "created_at", starts, aware=True
        ),
        "gifts": _monthly(
            Asset.objects.filter(collective=collective, category=Category.GIFT),
            "created_at",
            starts,
            aware=True,
        ),
        "connections": _monthly(
            Connection.objects.filter(collective=collective), "happened_on", starts, aware=False
        ),
        "activities": _monthly(
            Activity.objects.filter(collective=collective), "date", starts, aware=False
        ),
        "hours": _monthly(
            Activity.objects.filter(collective=collective),
            "date",
            starts,
            aware=False,
            value="hours_given",
        ),
        "initiatives": _monthly(
            Initiative.objects.filter(collective=collective), "created_at", starts, aware=True
        ),
    }, starts


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

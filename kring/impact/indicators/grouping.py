"""How raw counts are made: one GROUP BY query per kind of row, with the year's twelve monthly
sums side by side, laid out as cells (collective, buurt, month) -> value."""

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

# (collective id, buurt id or None, month 1-12) -> value
BaseCells = dict[tuple[int, int | None, int], float]


def month_starts(model, date: str, year: int) -> list:
    """13 boundaries: the first of every month of the year and of the next January, as
    aware datetimes for a date-time field, as dates for a date field."""
    days = [datetime.date(year, m, 1) for m in range(1, 13)] + [datetime.date(year + 1, 1, 1)]
    if isinstance(model._meta.get_field(date), models.DateTimeField):
        return [timezone.make_aware(datetime.datetime.combine(d, datetime.time())) for d in days]
    return days


def grouped(qs, *, date: str, buurt, collective: str, year: int, value=None, key: str = ""):
    """One GROUP BY query: (collective, buurt[, key]) with twelve monthly sums beside each
    other. Ranges on the date column instead of extracting the month keep it plain SQL (on
    SQLite, extracting a month calls Python for every row)."""
    return grouped_many(
        qs,
        date=date,
        buurt=buurt,
        collective=collective,
        year=year,
        key=key,
        measures={"v": (value, None)},
    )["v"]


def grouped_many(
    qs, *, date: str, buurt, collective: str, year: int, measures: dict, key: str = ""
) -> dict[str, list]:
    """``grouped`` for several measures of the same rows in one query: ``measures`` maps a
    name to (the value to sum, or None to count; a condition on the row, or None)."""
    starts = month_starts(qs.model, date, year)
    qs = qs.filter(**{f"{date}__gte": starts[0], f"{date}__lt": starts[12]})
    fields = ["c", "b"] + (["k"] if key else [])
    annotations = {"c": F(collective), "b": buurt}
    if key:
        annotations["k"] = F(key)
    sums = {}
    for n, (value, condition) in enumerate(measures.values()):
        for m in range(12):
            within = Q(**{f"{date}__gte": starts[m], f"{date}__lt": starts[m + 1]})
            if condition is not None:
                within &= condition
            sums[f"s{n}m{m + 1}"] = (
                Sum(value, filter=within) if value else Count("id", filter=within)
            )
    rows: dict[str, list] = {name: [] for name in measures}
    for row in qs.annotate(**annotations).values(*fields).order_by().annotate(**sums):
        head = [row["c"], row["b"]]
        for n, name in enumerate(measures):
            for m in range(1, 13):
                if row[f"s{n}m{m}"]:
                    rows[name].append((*head, m, *([row["k"]] if key else []), row[f"s{n}m{m}"]))
    return rows


def add(cells: BaseCells, rows: Iterable) -> BaseCells:
    for c, b, m, v in rows:
        if v:
            cells[(c, b, m)] = cells.get((c, b, m), 0) + float(v)
    return cells

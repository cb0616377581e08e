"""The dates of a repeating activity, from its rule, with dateutil's rrule (RFC 5545 semantics:
an end date is included, a count counts from the first date, and a skipped date still counts
towards the count, as an EXDATE does). No date arithmetic of our own."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule, rruleset, weekday
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Repeat

# A series is finite and made of concrete activities: at most this many, over at most two years.
MAX_OCCURRENCES = 104
MAX_SPAN = timedelta(days=2 * 366)
ORDINALS = {
    1: gettext_lazy("1e"),
    2: gettext_lazy("2e"),
    3: gettext_lazy("3e"),
    4: gettext_lazy("4e"),
    -1: gettext_lazy("laatste"),
}


def nth_weekday_of(day: date) -> int:
    """Which weekday of its month ``day`` is: 1 to 4, or -1 for a fifth one (the last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def _rule(
    *, repeat: str, starts_on: date, nth: int | None, ends_on: date | None, count: int | None
) -> rrule:
    start = datetime.combine(starts_on, datetime.min.time())
    until = datetime.combine(ends_on, datetime.min.time()) if ends_on else None
    options = {"dtstart": start, "until": until, "count": count if until is None else None}
    if repeat == Repeat.WEEKLY:
        return rrule(WEEKLY, **options)
    if repeat == Repeat.FORTNIGHTLY:
        return rrule(WEEKLY, interval=2, **options)
    if repeat == Repeat.MONTHLY:
        nth = nth or nth_weekday_of(starts_on)
        return rrule(MONTHLY, byweekday=weekday(starts_on.weekday(), nth), **options)
    raise ValueError(f"unknown repeat {repeat!r}")


def occurrence_dates(
    *,
    repeat: str,
    starts_on: date,
    nth: int | None = None,
    ends_on: date | None = None,
    count: int | None = None,
    skipped: Iterable[date] = (),
    limit: int = MAX_OCCURRENCES + 1,
) -> list[date]:
    """The dates of the rule in order, without the skipped ones; at most ``limit`` (so a rule
    that gives too many can be told apart without making thousands)."""
    dates = rruleset()
    dates.rrule(_rule(repeat=repeat, starts_on=starts_on, nth=nth, ends_on=ends_on, count=count))
    for day in skipped:
        dates.exdate(datetime.combine(day, datetime.min.time()))
    found = []
    for moment in dates:
        found.append(moment.date())
        if len(found) >= limit:
            break
    return found


def rule_dates(series) -> list[date]:
    """All dates of a series' rule, skipped ones included."""
    return occurrence_dates(
        repeat=series.repeat,
        starts_on=series.starts_on,
        nth=series.nth,
        ends_on=series.ends_on,
        count=series.count,
    )


def describe(series) -> str:
    """The rule in words: "elke week op dinsdag", "elke 2e dinsdag van de maand"."""
    day = formats.date_format(series.starts_on, "l")
    if series.repeat == Repeat.WEEKLY:
        rule = _("elke week op %(day)s") % {"day": day}
    elif series.repeat == Repeat.FORTNIGHTLY:
        rule = _("om de week op %(day)s") % {"day": day}
    else:
        nth = series.nth or nth_weekday_of(series.starts_on)
        rule = _("elke %(nth)s %(day)s van de maand") % {"nth": ORDINALS[nth], "day": day}
    if series.ends_on:
        until = formats.date_format(series.ends_on, "j F Y")
        return _("%(rule)s, tot en met %(until)s") % {"rule": rule, "until": until}
    return _("%(rule)s, %(count)s keer") % {"rule": rule, "count": series.count}

"""When the demo's events happen: a dated event as the builder runs it, a moment on a day, a
day some months after the collective started, and a time of day read from the year's data."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

DAYS_PER_MONTH = 30.44


@dataclass(order=True)
class Event:
    at: datetime.datetime
    seq: int
    run: Callable[[], None] = field(compare=False)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def month_day(first_day: datetime.date, months: float, days: int = 0) -> datetime.date:
    return first_day + datetime.timedelta(days=int(months * DAYS_PER_MONTH) + days)


def time_of(text: str) -> tuple[int, int]:
    hour, minute = text.split(":")
    return int(hour), int(minute)

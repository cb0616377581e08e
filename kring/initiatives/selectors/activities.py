"""Reads of activities: a room's bookings, the agenda, a place's calendar, series and the
collective's public agenda."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from kring.assets.models import Asset
from kring.communities.access import CollectiveAccess
from kring.core.choices import Visibility

from ..models import (
    Activity,
    ActivitySeries,
    Initiative,
)
from .initiatives import place_choices, seen_residents


def booking_conflict(
    access: CollectiveAccess, *, place: Asset, date, start_time, end_time, exclude=None
) -> Activity | None:
    """The activity that already holds ``place`` at some moment between start and end, if any.
    Times are half-open: one activity may start when the other ends."""
    return (
        Activity.objects.filter(
            collective=access.collective,
            place=place,
            date=date,
            start_time__lt=end_time,
            end_time__gt=start_time,
        )
        .exclude(pk=exclude)
        .select_related("initiative")
        .order_by("start_time")
        .first()
    )


def _activities(access: CollectiveAccess) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(collective=access.collective)
        .select_related("initiative", "place", "collective", "series")
        .order_by("date", "start_time", "id")
    )


def activity_detail(access: CollectiveAccess, pk: int) -> Activity:
    return get_object_or_404(
        _activities(access).prefetch_related(
            Prefetch("attendees", queryset=seen_residents(access))
        ),
        pk=pk,
    )


def initiative_activities(access: CollectiveAccess, initiative: Initiative) -> QuerySet[Activity]:
    return (
        _activities(access)
        .filter(initiative=initiative)
        .annotate(attendee_count=Count("attendees"))
    )


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class AgendaDay:
    day: date
    activities: list = field(default_factory=list)


def week_agenda(access: CollectiveAccess, monday: date) -> list[AgendaDay]:
    """What happens where in the week starting on ``monday``: all seven days, in order."""
    days = {monday + timedelta(days=n): AgendaDay(monday + timedelta(days=n)) for n in range(7)}
    for activity in _activities(access).filter(date__gte=monday, date__lt=monday + timedelta(7)):
        days[activity.date].activities.append(activity)
    return list(days.values())


def place_detail(access: CollectiveAccess, pk: int) -> Asset:
    return get_object_or_404(place_choices(access), pk=pk)


def place_calendar(
    access: CollectiveAccess, place: Asset, *, since: date, days: int = 28
) -> list[AgendaDay]:
    """The bookings of one place, per day, for the days that have any."""
    calendar: dict[date, AgendaDay] = {}
    for activity in _activities(access).filter(
        place=place, date__gte=since, date__lt=since + timedelta(days=days)
    ):
        calendar.setdefault(activity.date, AgendaDay(activity.date)).activities.append(activity)
    return list(calendar.values())


def series_detail(access: CollectiveAccess, pk: int) -> ActivitySeries:
    return get_object_or_404(
        ActivitySeries.objects.filter(collective=access.collective).select_related(
            "initiative", "place", "collective"
        ),
        pk=pk,
    )


def series_occurrences(access: CollectiveAccess, series: ActivitySeries) -> QuerySet[Activity]:
    return _activities(access).filter(series=series).annotate(attendee_count=Count("attendees"))


def initiative_series(access: CollectiveAccess, initiative: Initiative) -> QuerySet:
    return ActivitySeries.objects.filter(
        collective=access.collective, initiative=initiative
    ).select_related("place")


@dataclass(frozen=True)
class PublicOccurrence:
    """What the public agenda and its .ics feed may show of an activity: no residents, and the
    place's name only when the collective made that place public."""

    key: str  # stable per occurrence, also when it is moved: the base of the .ics UID
    title: str
    date: date
    start_time: object
    end_time: object
    place_name: str
    version: int


def public_agenda(collective, *, since: date, until: date, limit: int = 500):
    """The activities a collective put on its public agenda, from ``since`` to ``until``
    (inclusive). The caller checks that the collective has a public profile."""
    activities = (
        Activity.objects.filter(
            collective=collective, public=True, date__gte=since, date__lte=until
        )
        .select_related("place")
        .only(
            "id",
            "title",
            "date",
            "start_time",
            "end_time",
            "series_id",
            "series_date",
            "version",
            "place__title",
            "place__visibility",
        )
        .order_by("date", "start_time", "id")[:limit]
    )
    return [
        PublicOccurrence(
            key=(
                f"series-{a.series_id}-{a.series_date:%Y%m%d}"
                if a.series_id and a.series_date
                else f"activity-{a.pk}"
            ),
            title=a.title,
            date=a.date,
            start_time=a.start_time,
            end_time=a.end_time,
            place_name=(
                a.place.title if a.place and a.place.visibility == Visibility.PUBLIC else ""
            ),
            version=a.version,
        )
        for a in activities
    ]

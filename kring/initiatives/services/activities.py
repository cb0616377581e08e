"""Changes to activities: single ones, repeating series (one row per date) and attendance.
A place is never double-booked: each date is checked before anything is saved."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from django.db import IntegrityError, transaction
from django.utils import timezone

from kring.assets.models import Asset, Category
from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.core.locking import bump_version, check_version
from kring.people.models import Resident

from .. import recurrence
from ..models import (
    Activity,
    ActivitySeries,
    Connection,
    ConnectionKind,
    Repeat,
    SkippedDate,
)
from ..selectors import booking_conflict
from .scope import same_collective

# Above this many attendees people do not all meet each other (a festival, a market): then only
# the ties to the place are recorded, so the network is not flooded with ties that mean nothing.
MEETING_TIE_LIMIT = 30


EXCLUSION_NAME = "activity_place_not_double_booked"


class DoubleBooking(Exception):
    """The place is taken at that time; ``other`` is the activity that holds it."""

    def __init__(self, other: Activity | None):
        super().__init__(f"place already booked by activity {getattr(other, 'pk', None)}")
        self.other = other


@transaction.atomic
def save_activity(
    *, access: CollectiveAccess, activity: Activity, expected_version: int | None = None
) -> Activity:
    """Book (or move) an activity. Raises DoubleBooking, naming the other activity, when its place
    is taken at that time. The place's row is locked first, so two bookings of one place are
    checked one after the other; the database constraint guards whatever slips past. With
    ``expected_version`` a change someone else saved meanwhile raises EditConflict."""
    activity.collective = access.collective
    same_collective(access, activity.initiative, activity.place)
    check_version(activity, expected_version)
    if activity.place is not None and activity.place.category != Category.PLACE:
        raise ValueError("an activity takes place in a place")
    if activity.pk is None:
        activity.created_by = access.user
    if activity.place is not None:
        Asset.objects.select_for_update().filter(pk=activity.place.pk).first()
        other = booking_conflict(
            access,
            place=activity.place,
            date=activity.date,
            start_time=activity.start_time,
            end_time=activity.end_time,
            exclude=activity.pk,
        )
        if other is not None:
            raise DoubleBooking(other)
    try:
        with transaction.atomic():
            activity.save()
    except IntegrityError as error:
        if EXCLUSION_NAME not in str(error):
            raise
        raise DoubleBooking(
            booking_conflict(
                access,
                place=activity.place,
                date=activity.date,
                start_time=activity.start_time,
                end_time=activity.end_time,
                exclude=activity.pk,
            )
        ) from error
    return activity


@transaction.atomic
def delete_activity(*, access: CollectiveAccess, activity: Activity) -> None:
    """Take an activity out of the agenda. One occurrence of a series is skipped: its date is
    kept as skipped, so changing the series later does not bring it back."""
    same_collective(access, activity)
    if activity.series_id is not None and activity.series_date is not None:
        SkippedDate.objects.get_or_create(series_id=activity.series_id, date=activity.series_date)
    activity.delete()


class SeriesDoubleBooking(Exception):
    """The place is taken on one or more dates of a series: ``clashes`` lists (date, the
    activity that holds the place then), in date order."""

    def __init__(self, clashes: list[tuple]):
        super().__init__(f"place already booked on {len(clashes)} dates")
        self.clashes = clashes


@dataclass(frozen=True)
class SeriesResult:
    series: ActivitySeries
    created: int
    changed: int
    removed: int


def _sync_occurrences(
    access: CollectiveAccess, series: ActivitySeries, *, since=None, only=None
) -> SeriesResult:
    """Make the series' concrete activities follow its rule: create missing dates, change the
    ones that follow the series, remove dates that left the rule. Occurrences before ``since``
    (history), ones changed on their own (``moved``) and ones with attendance are left alone.
    Every date is checked for a double booking; all clashes are named together."""
    dates = _series_dates(series, since=since, only=only)
    existing = {
        occurrence.series_date: occurrence
        for occurrence in series.occurrences.filter(
            **({"series_date__gte": since} if since else {})
        )
    }
    removed = _remove_left_dates(existing, dates) if only is None else 0
    if series.place is not None:
        Asset.objects.select_for_update().filter(pk=series.place.pk).first()
    clashes, created, changed = [], 0, 0
    for day in dates:
        occurrence = existing.get(day)
        if occurrence is not None and (occurrence.moved or occurrence.attendance_recorded_at):
            continue
        if occurrence is None:
            occurrence = Activity(
                collective=access.collective,
                initiative=series.initiative,
                series=series,
                series_date=day,
                created_by=access.user,
            )
            created += 1
        else:
            bump_version(occurrence)
            changed += 1
        _follow_series(occurrence, series, day)
        clash = _place_taken(access, series, occurrence, day)
        if clash is None and not clashes:
            clash = _save_occurrence(occurrence, day)
        if clash is not None:
            clashes.append(clash)
    if clashes:
        raise SeriesDoubleBooking(clashes)
    return SeriesResult(series=series, created=created, changed=changed, removed=removed)


def _series_dates(series: ActivitySeries, *, since=None, only=None) -> list:
    """The rule's dates without the skipped ones, from ``since`` on, narrowed to ``only``."""
    skipped = set(series.skipped_dates.values_list("date", flat=True))
    dates = [
        day
        for day in recurrence.rule_dates(series)
        if day not in skipped and (since is None or day >= since)
    ]
    if only is not None:
        dates = [day for day in dates if day in only]
    return dates


def _remove_left_dates(existing: dict, dates: list) -> int:
    """Delete occurrences whose date left the rule; one with attendance stays on its own."""
    removed = 0
    for day, occurrence in existing.items():
        if day in dates or occurrence.moved:
            continue
        if occurrence.attendance_recorded_at is not None:
            # Who came stays counted: this one now stands on its own.
            occurrence.moved = True
            occurrence.save(update_fields=["moved"])
            continue
        occurrence.delete()
        removed += 1
    return removed


def _follow_series(occurrence: Activity, series: ActivitySeries, day) -> None:
    occurrence.title = series.title
    occurrence.date = day
    occurrence.start_time = series.start_time
    occurrence.end_time = series.end_time
    occurrence.place = series.place
    occurrence.public = series.public


def _place_taken(access, series: ActivitySeries, occurrence: Activity, day) -> tuple | None:
    """(day, the activity holding the place) when the series' place is taken then."""
    if series.place is None:
        return None
    other = booking_conflict(
        access,
        place=series.place,
        date=day,
        start_time=series.start_time,
        end_time=series.end_time,
        exclude=occurrence.pk,
    )
    return (day, other) if other is not None else None


def _save_occurrence(occurrence: Activity, day) -> tuple | None:
    """Save; (day, None) when the database's own guard finds the place taken meanwhile."""
    try:
        with transaction.atomic():
            occurrence.save()
    except IntegrityError as error:
        if EXCLUSION_NAME not in str(error):
            raise
        return (day, None)
    return None


def _check_rule(series: ActivitySeries) -> None:
    if series.repeat not in Repeat.values:
        raise ValueError(f"unknown repeat {series.repeat!r}")
    if (series.ends_on is None) == (series.count is None):
        raise ValueError("a series ends on a date or after a number of times")
    dates = recurrence.rule_dates(series)
    if len(dates) > recurrence.MAX_OCCURRENCES or (
        dates and dates[-1] - series.starts_on > recurrence.MAX_SPAN
    ):
        raise ValueError("a series is at most two years and 104 times long")


@transaction.atomic
def save_series(
    *,
    access: CollectiveAccess,
    series: ActivitySeries,
    skipped=(),
    expected_version: int | None = None,
) -> SeriesResult:
    """Save a repeating activity and make (or bring up to date) one activity per date. A new
    series makes all its dates, ``skipped`` ones excepted; a change applies from today on, to
    the occurrences that were not changed on their own. Raises SeriesDoubleBooking, naming
    every clashing date, when the place is taken on any date (nothing is saved then); with
    ``expected_version`` a change someone else saved meanwhile raises EditConflict."""
    series.collective = access.collective
    same_collective(access, series.initiative, series.place)
    if series.place is not None and series.place.category != Category.PLACE:
        raise ValueError("an activity takes place in a place")
    check_version(series, expected_version)
    is_new = series.pk is None
    if is_new:
        series.created_by = access.user
    series.nth = (
        recurrence.nth_weekday_of(series.starts_on) if series.repeat == Repeat.MONTHLY else None
    )
    _check_rule(series)
    series.save()
    rule = set(recurrence.rule_dates(series))
    if not is_new:
        # Dates skipped that the changed rule no longer has are forgotten.
        series.skipped_dates.exclude(date__in=rule).delete()
    SkippedDate.objects.bulk_create(
        [SkippedDate(series=series, date=day) for day in set(skipped) if day in rule],
        ignore_conflicts=True,
    )
    return _sync_occurrences(access, series, since=None if is_new else timezone.localdate())


@transaction.atomic
def restore_date(*, access: CollectiveAccess, series: ActivitySeries, day) -> Activity | None:
    """A skipped date goes ahead after all: the occurrence is made again (checked for a double
    booking like any other)."""
    same_collective(access, series)
    bump_version(series)
    series.save(update_fields=["version"])
    series.skipped_dates.filter(date=day).delete()
    _sync_occurrences(access, series, only={day})
    return series.occurrences.filter(series_date=day).first()


@transaction.atomic
def delete_series(*, access: CollectiveAccess, series: ActivitySeries) -> int:
    """Remove a series and its occurrences. Occurrences whose attendance was recorded stay, as
    single activities, so who came and the hours keep counting; returns how many stayed."""
    same_collective(access, series)
    kept = series.occurrences.filter(attendance_recorded_at__isnull=False)
    stayed = kept.update(series=None, series_date=None, moved=False)
    series.occurrences.all().delete()
    series.delete()
    return stayed


@dataclass(frozen=True)
class AttendanceResult:
    attendees: int
    new_connections: int
    new_participants: int


@transaction.atomic
def record_attendance(
    *,
    access: CollectiveAccess,
    activity: Activity,
    attendees: list[Resident],
    hours_given: Decimal,
    items_repaired: int = 0,
    expected_version: int | None = None,
) -> AttendanceResult:
    """Who came, how many hours were given and (at a repair café) how many things work again.
    Attendees who met are tied to each other (met at an activity), to the place and to the
    associations of the initiative; newcomers join the initiative. Recording again replaces the
    attendance: ties of people taken off are removed."""
    same_collective(access, activity, *attendees)
    check_version(activity, expected_version)
    initiative = activity.initiative
    activity.attendees.set(attendees)
    activity.hours_given = hours_given
    activity.items_repaired = items_repaired
    activity.attendance_recorded_at = timezone.now()
    activity.full_clean(exclude=["collective", "initiative", "place", "created_by"])
    activity.save(
        update_fields=["hours_given", "items_repaired", "attendance_recorded_at", "version"]
    )

    ids = sorted(r.pk for r in attendees)
    # Ties of people who are no longer on the list go; the rest stay as they are.
    Connection.objects.filter(activity=activity).exclude(resident_id__in=ids).delete()
    Connection.objects.filter(activity=activity, other_resident__isnull=False).exclude(
        other_resident_id__in=ids
    ).delete()
    before = Connection.objects.filter(activity=activity).count()

    common = {
        "collective": access.collective,
        "kind": ConnectionKind.MET,
        "happened_on": activity.date,
        "initiative": initiative,
        "activity": activity,
        "recorded_by": access.user,
    }
    ties = []
    if len(ids) <= MEETING_TIE_LIMIT:
        ties += [
            Connection(resident_id=a, other_resident_id=b, **common)
            for a, b in combinations(ids, 2)
        ]
    partners = list(initiative.assets.filter(category=Category.ASSOCIATION))
    if activity.place is not None:
        partners.append(activity.place)
    ties += [Connection(resident_id=r, asset=asset, **common) for r in ids for asset in partners]
    Connection.objects.bulk_create(ties, ignore_conflicts=True)
    new_connections = Connection.objects.filter(activity=activity).count() - before

    already = set(initiative.participants.values_list("pk", flat=True))
    newcomers = [pk for pk in ids if pk not in already]
    initiative.participants.add(*newcomers)
    Connection.objects.bulk_create(
        Connection(
            collective=access.collective,
            initiative=initiative,
            other_resident_id=pk,
            kind=ConnectionKind.JOINED,
            happened_on=activity.date,
            recorded_by=access.user,
        )
        for pk in newcomers
    )
    audit.record(
        access=access,
        action=audit.Action.CHANGE,
        target=activity,
        summary=f"attendance of {len(ids)} residents, {new_connections} new ties",
    )
    return AttendanceResult(
        attendees=len(ids),
        new_connections=new_connections + len(newcomers),
        new_participants=len(newcomers),
    )

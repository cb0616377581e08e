"""Every change to initiatives, activities, pledges and connections: one function each,
keyword-only arguments, one transaction. Anything naming a resident writes the audit log."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.assets.models import Asset, Category
from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.core.locking import bump_version, check_version
from kring.people.models import ConsentPurpose, Resident

from . import recurrence
from .models import (
    GIVER_CATEGORIES,
    Activity,
    ActivitySeries,
    Connection,
    ConnectionKind,
    Initiative,
    Need,
    NeedStatus,
    Outcome,
    Pledge,
    Question,
    Repeat,
    SkippedDate,
)
from .selectors import booking_conflict
from .signals import announce_needs

# Above this many attendees people do not all meet each other (a festival, a market): then only
# the ties to the place are recorded, so the network is not flooded with ties that mean nothing.
MEETING_TIE_LIMIT = 30
EXCLUSION_NAME = "activity_place_not_double_booked"


class DoubleBooking(Exception):
    """The place is taken at that time; ``other`` is the activity that holds it."""

    def __init__(self, other: Activity | None):
        super().__init__(f"place already booked by activity {getattr(other, 'pk', None)}")
        self.other = other


def _same_collective(access: CollectiveAccess, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.collective_id != access.collective.pk:
            raise ValueError(f"{obj._meta.label} {obj.pk} belongs to another collective")


def parse_needs(text: str) -> list[str]:
    """One need per line; empty lines and doubles dropped, each cut to the field's length."""
    needs: list[str] = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())[:300]
        if line and line not in needs:
            needs.append(line)
    return needs


@transaction.atomic
def create_initiative(
    *,
    access: CollectiveAccess,
    initiative: Initiative,
    initiators: list[Resident] = (),
    participants: list[Resident] = (),
    assets: list[Asset] = (),
    tasks=(),
    needs: dict[str, list[str]] | None = None,
) -> Initiative:
    """Save a new initiative with its people, assets, opgaven and first needs per question."""
    initiative.collective = access.collective
    initiative.created_by = access.user
    _same_collective(access, *initiators, *participants, *assets)
    initiative.full_clean(exclude=["collective"])
    initiative.save()
    initiative.initiators.set(initiators)
    initiative.participants.set(participants)
    initiative.assets.set(assets)
    initiative.tasks.set(tasks)
    announce_needs(
        Need.objects.bulk_create(
            Need(initiative=initiative, text=text, question=question)
            for question in Question.values
            for text in (needs or {}).get(question, [])
        )
    )
    audit.record(
        access=access,
        action=audit.Action.CREATE,
        target=initiative,
        summary=f"initiative with {len(initiators)} initiators, {len(participants)} participants",
    )
    return initiative


@transaction.atomic
def update_initiative(
    *,
    access: CollectiveAccess,
    initiative: Initiative,
    initiators: list[Resident],
    participants: list[Resident],
    assets: list[Asset],
    tasks,
    expected_version: int | None = None,
) -> Initiative:
    """Save changes; with ``expected_version`` (from the edit form) a change someone else saved
    meanwhile raises kring.core.locking.EditConflict instead of being overwritten."""
    _same_collective(access, initiative, *initiators, *participants, *assets)
    check_version(initiative, expected_version)
    initiative.save()
    initiative.initiators.set(initiators)
    initiative.participants.set(participants)
    initiative.assets.set(assets)
    initiative.tasks.set(tasks)
    audit.record(
        access=access,
        action=audit.Action.CHANGE,
        target=initiative,
        summary=f"initiative with {len(initiators)} initiators, {len(participants)} participants",
    )
    return initiative


@transaction.atomic
def add_needs(
    *, access: CollectiveAccess, initiative: Initiative, question: str, texts: list[str]
) -> list[Need]:
    _same_collective(access, initiative)
    if question not in Question.values:
        raise ValueError(f"unknown question {question!r}")
    needs = Need.objects.bulk_create(
        Need(initiative=initiative, text=text, question=question) for text in texts
    )
    announce_needs(needs)
    return needs


@transaction.atomic
def set_need_status(
    *, access: CollectiveAccess, need: Need, status: str, expected_version: int | None = None
) -> Need:
    """With ``expected_version`` (the version the page showed) a status someone else set
    meanwhile raises EditConflict instead of being overwritten."""
    _same_collective(access, need.initiative)
    if status not in NeedStatus.values:
        raise ValueError(f"unknown status {status!r}")
    check_version(need, expected_version)
    need.status = status
    need.save(update_fields=["status", "version"])
    return need


@transaction.atomic
def delete_need(*, access: CollectiveAccess, need: Need) -> None:
    _same_collective(access, need.initiative)
    need.delete()


def _may_be_matched(resident: Resident) -> bool:
    return Resident.objects.filter(pk=resident.pk).with_consent(ConsentPurpose.MATCHING).exists()


@transaction.atomic
def connect_for_need(
    *, access: CollectiveAccess, need: Need, asset: Asset, reason: str = ""
) -> Connection:
    """ "Verbinden": introduce a helper (a resident through their gift, or an association,
    institution or place) to the initiative that has this need. The need is then "gevonden"."""
    initiative = need.initiative
    _same_collective(access, initiative, asset)
    connection = Connection(
        collective=access.collective,
        initiative=initiative,
        need=need,
        kind=ConnectionKind.INTRODUCED,
        happened_on=timezone.localdate(),
        note=" ".join(reason.split())[:300],
        recorded_by=access.user,
    )
    if asset.category == Category.GIFT:
        # Consent is checked again here: it may have been withdrawn since the list was shown.
        if not _may_be_matched(asset.resident):
            raise PermissionError("resident did not consent to being connected")
        connection.other_resident = asset.resident
    else:
        connection.asset = asset
    connection.save()
    if need.status == NeedStatus.OPEN:
        need.status = NeedStatus.FOUND
        need.save(update_fields=["status"])
    audit.record(
        access=access,
        action=audit.Action.CREATE,
        target=connection,
        summary=f"introduced for need {need.pk}",
    )
    return connection


@transaction.atomic
def record_connection(*, access: CollectiveAccess, connection: Connection) -> Connection:
    """A connection noted by hand, e.g. on a phone right after two neighbours met."""
    connection.collective = access.collective
    connection.recorded_by = access.user
    _same_collective(
        access,
        connection.resident,
        connection.other_resident,
        connection.asset,
        connection.initiative,
    )
    if connection.asset and connection.asset.category == Category.GIFT:
        # A gift's party is its resident: keep the network's nodes unambiguous.
        connection.other_resident, connection.asset = connection.asset.resident, None
    connection.full_clean(exclude=["collective", "recorded_by"])
    audit.save_and_record(
        connection,
        access=access,
        action=audit.Action.CREATE,
        summary=f"connection {connection.kind}",
    )
    return connection


@transaction.atomic
def record_outcome(
    *, connection: Connection, outcome: str, note: str = "", actor=None
) -> Connection:
    """The answer to "Heeft dit contact tot iets geleid?" (ja / nee / loopt nog, with an
    optional line), from the resident through their mail's link (``actor`` None) or noted by a
    buurtmaker. A later answer replaces an earlier one ("loopt nog" may become "ja")."""
    if outcome not in Outcome.values:
        raise ValueError(f"unknown outcome {outcome!r}")
    connection.outcome = outcome
    connection.outcome_note = " ".join((note or "").split())[:300]
    connection.outcome_at = timezone.now()
    connection.save(update_fields=["outcome", "outcome_note", "outcome_at"])
    audit.record(
        actor=actor,
        collective=connection.collective_id,
        action=audit.Action.CHANGE,
        target=connection,
        summary=f"outcome {outcome}",
    )
    return connection


@transaction.atomic
def delete_connection(*, access: CollectiveAccess, connection: Connection) -> None:
    if connection.collective_id != access.collective.pk:
        raise ValueError("connection belongs to another collective")
    audit.record(
        access=access,
        action=audit.Action.DELETE,
        target=connection,
        summary=f"connection {connection.kind}",
    )
    connection.delete()


@transaction.atomic
def save_activity(
    *, access: CollectiveAccess, activity: Activity, expected_version: int | None = None
) -> Activity:
    """Book (or move) an activity. Raises DoubleBooking, naming the other activity, when its place
    is taken at that time. The place's row is locked first, so two bookings of one place are
    checked one after the other; the database constraint guards whatever slips past. With
    ``expected_version`` a change someone else saved meanwhile raises EditConflict."""
    activity.collective = access.collective
    _same_collective(access, activity.initiative, activity.place)
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
    _same_collective(access, activity)
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
    skipped = set(series.skipped_dates.values_list("date", flat=True))
    dates = [
        day
        for day in recurrence.rule_dates(series)
        if day not in skipped and (since is None or day >= since)
    ]
    if only is not None:
        dates = [day for day in dates if day in only]
    existing = {
        occurrence.series_date: occurrence
        for occurrence in series.occurrences.filter(
            **({"series_date__gte": since} if since else {})
        )
    }
    removed = 0
    if only is None:
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
        occurrence.title = series.title
        occurrence.date = day
        occurrence.start_time = series.start_time
        occurrence.end_time = series.end_time
        occurrence.place = series.place
        occurrence.public = series.public
        if series.place is not None:
            other = booking_conflict(
                access,
                place=series.place,
                date=day,
                start_time=series.start_time,
                end_time=series.end_time,
                exclude=occurrence.pk,
            )
            if other is not None:
                clashes.append((day, other))
                continue
        if clashes:
            continue  # the whole change is refused; only look for more clashes
        try:
            with transaction.atomic():
                occurrence.save()
        except IntegrityError as error:
            if EXCLUSION_NAME not in str(error):
                raise
            clashes.append((day, None))
    if clashes:
        raise SeriesDoubleBooking(clashes)
    return SeriesResult(series=series, created=created, changed=changed, removed=removed)


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
    _same_collective(access, series.initiative, series.place)
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
    _same_collective(access, series)
    bump_version(series)
    series.save(update_fields=["version"])
    series.skipped_dates.filter(date=day).delete()
    _sync_occurrences(access, series, only={day})
    return series.occurrences.filter(series_date=day).first()


@transaction.atomic
def delete_series(*, access: CollectiveAccess, series: ActivitySeries) -> int:
    """Remove a series and its occurrences. Occurrences whose attendance was recorded stay, as
    single activities, so who came and the hours keep counting; returns how many stayed."""
    _same_collective(access, series)
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
    _same_collective(access, activity, *attendees)
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


def _check_giver(access: CollectiveAccess, pledge: Pledge) -> None:
    """An organisation that pledges is a group, institution or business of this collective."""
    if pledge.resident_id and pledge.giver_id:
        raise ValidationError({"giver": _("Kies een bewoner of een organisatie, niet allebei.")})
    giver = pledge.giver
    if giver is None:
        return
    if giver.collective_id != access.collective.pk:
        raise ValidationError(
            {
                "giver": _(
                    "Deze organisatie hoort niet bij uw collectief. Kies een organisatie uit "
                    "de lijst."
                )
            }
        )
    if giver.category not in GIVER_CATEGORIES:
        raise ValidationError(
            {
                "giver": _(
                    "Alleen een groep, een instelling of een bedrijf kan iets beloven. Kies "
                    "een organisatie uit de lijst, of kies een bewoner."
                )
            }
        )


@transaction.atomic
def add_pledge(*, access: CollectiveAccess, pledge: Pledge) -> Pledge:
    """Record a pledge from a resident or from an organisation (``pledge.giver``: a group,
    institution or local business of the same collective). Raises ValidationError with a plain
    Dutch message when the giver is not allowed."""
    _same_collective(access, pledge.initiative, pledge.resident)
    _check_giver(access, pledge)
    pledge.recorded_by = access.user
    if pledge.pledged_on is None:
        pledge.pledged_on = timezone.localdate()
    pledge.full_clean()
    audit.save_and_record(
        pledge,
        access=access,
        action=audit.Action.CREATE,
        summary=f"pledge of {pledge.kind} by {pledge.giver_kind}",
    )
    return pledge


@transaction.atomic
def delete_pledge(*, access: CollectiveAccess, pledge: Pledge) -> None:
    _same_collective(access, pledge.initiative)
    audit.record(
        access=access, action=audit.Action.DELETE, target=pledge, summary=f"pledge of {pledge.kind}"
    )
    pledge.delete()

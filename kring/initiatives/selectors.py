"""Every read of initiatives, activities, pledges and connections, scoped to who asks.

Members (leden) see initiatives, their needs and the agenda, and only the residents they may
see. "Wie kan helpen?", pledges and the connections log are for buurtmakers."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kring import matching
from kring.assets.models import Asset, Category
from kring.assets.selectors import visible_assets
from kring.communities.access import CollectiveAccess
from kring.core.choices import Visibility
from kring.people.models import ConsentPurpose, Resident
from kring.people.selectors import visible_residents

from .models import (
    GIVER_CATEGORIES,
    GIVER_KINDS,
    Activity,
    ActivitySeries,
    Connection,
    GiverKind,
    Initiative,
    Need,
    NeedStatus,
    Outcome,
    Pledge,
    PledgeKind,
    PublicTask,
    Question,
)

# Kinds of assets that can help with a need: residents (through their gifts), groups,
# institutions and places.
HELPER_CATEGORIES = [Category.GIFT, Category.ASSOCIATION, Category.INSTITUTION, Category.PLACE]
# A need under "what must an institution do?" ("door instelling") lists institutions and
# associations first; one under "what works with some help?" ("met hulp") lists residents (their
# gifts) first, so a better-worded institution does not push the neighbours down. "Zelf" keeps
# the engine's own order.
FIRST_FOR_QUESTION = {
    Question.INSTITUTION: [Category.INSTITUTION, Category.ASSOCIATION],
    Question.WITH_HELP: [Category.GIFT],
}
# What the list says of those put first (nothing for residents: their own reasons say it).
FIRST_REASON = {
    Question.INSTITUTION: gettext_lazy("een instelling of vereniging: past bij ‘door instelling’")
}


def _residents(access: CollectiveAccess) -> QuerySet[Resident]:
    return (
        visible_residents(access).only("id", "name", "collective_id", "erased_at").order_by("name")
    )


def initiatives_of(access: CollectiveAccess) -> QuerySet[Initiative]:
    return Initiative.objects.filter(collective=access.collective)


def initiative_list(
    access: CollectiveAccess, *, status: str = "", task=None, neighbourhood=None
) -> QuerySet[Initiative]:
    initiatives = (
        initiatives_of(access)
        .select_related("collective", "neighbourhood")
        .defer("neighbourhood__boundary")
        .prefetch_related("tasks")
        .annotate(
            open_needs=Count("needs", filter=Q(needs__status=NeedStatus.OPEN), distinct=True),
            need_count=Count("needs", distinct=True),
        )
        .order_by("-created_at", "-id")
    )
    if status:
        initiatives = initiatives.filter(status=status)
    if task:
        initiatives = initiatives.filter(tasks=task)
    if neighbourhood:
        initiatives = initiatives.filter(neighbourhood=neighbourhood)
    return initiatives


def initiative_detail(access: CollectiveAccess, pk: int) -> Initiative:
    residents = _residents(access)
    return get_object_or_404(
        initiatives_of(access)
        .select_related("collective", "neighbourhood", "created_by")
        .defer("neighbourhood__boundary")
        .prefetch_related(
            Prefetch("initiators", queryset=residents),
            Prefetch("participants", queryset=residents),
            Prefetch("assets", queryset=visible_assets(access).order_by("category", "title")),
            "tasks",
        ),
        pk=pk,
    )


def initiative_for_change(access: CollectiveAccess, pk: int) -> Initiative:
    """For buurtmakers editing: every person and asset linked, so nothing is lost on saving."""
    return get_object_or_404(
        initiatives_of(access).prefetch_related("initiators", "participants", "assets", "tasks"),
        pk=pk,
    )


@dataclass
class QuestionGroup:
    question: str
    label: str
    needs: list = field(default_factory=list)


def needs_by_question(initiative: Initiative) -> list[QuestionGroup]:
    """The needs under the three questions, always all three, in their order."""
    groups = {value: QuestionGroup(value, label) for value, label in Question.choices}
    for need in initiative.needs.all():
        groups[need.question].needs.append(need)
    return list(groups.values())


def need_detail(access: CollectiveAccess, pk: int) -> Need:
    return get_object_or_404(
        Need.objects.filter(initiative__collective=access.collective).select_related(
            "initiative", "initiative__collective", "initiative__neighbourhood"
        ),
        pk=pk,
    )


def needs_of(
    access: CollectiveAccess, *, status: str = "", question: str = "", initiative_id=None
) -> QuerySet[Need]:
    """The collective's needs, oldest first, as the initiative pages list them."""
    needs = Need.objects.filter(initiative__collective=access.collective).order_by(
        "created_at", "id"
    )
    if status:
        needs = needs.filter(status=status)
    if question:
        needs = needs.filter(question=question)
    if initiative_id:
        needs = needs.filter(initiative_id=initiative_id)
    return needs


def task_choices() -> QuerySet[PublicTask]:
    return PublicTask.objects.all()


def resident_choices(access: CollectiveAccess) -> QuerySet[Resident]:
    return _residents(access)


def asset_choices(access: CollectiveAccess) -> QuerySet[Asset]:
    """Assets an initiative can use: everything but residents' gifts (those are people)."""
    return (
        visible_assets(access)
        .exclude(category=Category.GIFT)
        .only("id", "title", "category", "collective_id")
        .order_by("category", "title")
    )


def place_choices(access: CollectiveAccess) -> QuerySet[Asset]:
    return (
        visible_assets(access)
        .filter(category=Category.PLACE)
        .only("id", "title", "category", "collective_id")
        .order_by("title")
    )


def giver_choices(access: CollectiveAccess) -> QuerySet[Asset]:
    """Organisations that can pledge: the groups, institutions and businesses the viewer sees."""
    return (
        visible_assets(access)
        .filter(category__in=GIVER_CATEGORIES)
        .only("id", "title", "category", "collective_id")
        .order_by("category", "title")
    )


@dataclass(frozen=True)
class Helper:
    """Someone or something that could help with a need, and why."""

    asset: Asset
    resident: Resident | None
    score: float
    reasons: list[str]
    connected: bool
    summary: str = ""  # one sentence a person would write: who, what they offer, which need


def helpers_for_need(access: CollectiveAccess, need: Need, limit: int = 10) -> list[Helper]:
    """ "Wie kan helpen?": the residents, associations, institutions and places of the collective
    that could help with ``need``, best first, each with the reasons why.

    This is the one place where initiatives call the matching engine:
    ``kring.matching.search(collective=, text=, neighbourhood=, limit=, viewer_access=,
    categories=)``, which
    returns matches with ``.asset``, ``.score`` and ``.reasons`` (Dutch). Whatever the engine
    returns, this function keeps only what the viewer may see and, for residents, only those with
    an active consent to be connected ("verbinden"); so a resident without that consent never
    appears here, even if an index is out of step."""

    initiative = need.initiative

    def search(categories):
        return matching.search(
            collective=access.collective,
            text=need.text,
            neighbourhood=initiative.neighbourhood,
            limit=limit * 2,
            viewer_access=access,
            categories=categories,
        )

    first = FIRST_FOR_QUESTION.get(need.question)
    first_reason = FIRST_REASON.get(need.question)
    first_ids: set[int] = set()
    if first:
        # Those who fit this question best come first, in the engine's order; then the rest,
        # without doubles.
        matches = search(first)
        first_ids = {m.asset.pk for m in matches}
        matches += [m for m in search(HELPER_CATEGORIES) if m.asset.pk not in first_ids]
    else:
        matches = search(HELPER_CATEGORIES)
    ids = [m.asset.pk for m in matches]
    allowed = set(
        visible_assets(access)
        .filter(pk__in=ids, category__in=HELPER_CATEGORIES)
        .filter(
            ~Q(category=Category.GIFT)
            | Q(resident__in=Resident.objects.with_consent(ConsentPurpose.MATCHING))
        )
        .values_list("pk", flat=True)
    )
    assets = {
        a.pk: a
        for a in Asset.objects.filter(pk__in=allowed)
        .select_related("resident", "neighbourhood", "collective")
        .defer("neighbourhood__boundary")
    }
    connected = Connection.objects.filter(need=need)
    connected_residents = set(connected.values_list("other_resident_id", flat=True))
    connected_assets = set(connected.values_list("asset_id", flat=True))
    helpers: list[Helper] = []
    seen_residents: set[int] = set()
    for match in matches:
        asset = assets.get(match.asset.pk)
        if asset is None:
            continue
        if asset.resident_id:
            # One line per resident, at the place of their best-fitting gift.
            if asset.resident_id in seen_residents:
                continue
            seen_residents.add(asset.resident_id)
            is_connected = asset.resident_id in connected_residents
        else:
            is_connected = asset.pk in connected_assets
        reasons = list(match.reasons)
        if first_reason and asset.pk in first_ids:
            reasons.insert(0, str(first_reason))
        helpers.append(
            Helper(
                asset=asset,
                resident=asset.resident,
                score=match.score,
                reasons=reasons,
                connected=is_connected,
                summary=match.summary,
            )
        )
        if len(helpers) == limit:
            break
    return helpers


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
        _activities(access).prefetch_related(Prefetch("attendees", queryset=_residents(access))),
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


def volunteer_hours(initiative: Initiative) -> Decimal:
    return initiative.activities.aggregate(total=Sum("hours_given"))["total"] or Decimal("0")


@dataclass(frozen=True)
class Progress:
    goal_hours: Decimal | None
    pledged_hours: Decimal
    given_hours: Decimal
    goal_money: Decimal | None
    pledged_money: Decimal
    materials: list

    @staticmethod
    def _percent(part: Decimal, goal: Decimal | None) -> int | None:
        if not goal:
            return None
        return min(100, int(part * 100 / goal))

    @property
    def hours_percent(self) -> int | None:
        return self._percent(self.pledged_hours, self.goal_hours)

    @property
    def money_percent(self) -> int | None:
        return self._percent(self.pledged_money, self.goal_money)


def pledge_progress(initiative: Initiative) -> Progress:
    totals = dict(
        initiative.pledges.exclude(kind=PledgeKind.MATERIAL)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return Progress(
        goal_hours=initiative.goal_hours,
        pledged_hours=totals.get(PledgeKind.HOURS) or Decimal("0"),
        given_hours=volunteer_hours(initiative),
        goal_money=initiative.goal_money,
        pledged_money=totals.get(PledgeKind.MONEY) or Decimal("0"),
        materials=list(
            initiative.pledges.filter(kind=PledgeKind.MATERIAL).values_list(
                "description", flat=True
            )
        ),
    )


def pledges_of(access: CollectiveAccess, initiative: Initiative) -> QuerySet[Pledge]:
    """Who pledged what: buurtmakers only (what one resident gives is personal)."""
    if not access.is_builder:
        return Pledge.objects.none()
    return initiative.pledges.select_related(
        "resident", "resident__collective", "giver", "giver__collective"
    )


@dataclass
class MoneyGiver:
    """One line of "who gave toward the money goal": a resident, an organisation, or (for
    members, who may not see who gave what) the residents together."""

    name: str
    kind: str
    amount: Decimal = Decimal("0")
    url: str = ""
    parties: set = field(default_factory=set)


def money_givers(access: CollectiveAccess, initiative: Initiative) -> list[MoneyGiver]:
    """Who promised money, most first. Organisations are named to everyone who may see them;
    residents by name to buurtmakers only, to members as one line "bewoners samen"."""
    pledges = list(
        initiative.pledges.filter(kind=PledgeKind.MONEY).select_related(
            "resident", "resident__collective", "giver", "giver__collective"
        )
    )
    visible = set(
        giver_choices(access)
        .filter(pk__in=[p.giver_id for p in pledges if p.giver_id])
        .values_list("pk", flat=True)
    )
    lines: dict[tuple, MoneyGiver] = {}
    for pledge in pledges:
        if pledge.giver_id in visible:
            giver = pledge.giver
            key = ("asset", giver.pk)
            line = lines.get(key) or MoneyGiver(
                giver.title, GIVER_KINDS[giver.category].label, url=giver.get_absolute_url()
            )
        elif pledge.giver_id:
            key = ("assets",)
            line = lines.get(key) or MoneyGiver(_("andere organisaties"), "")
        elif access.is_builder:
            resident = pledge.resident
            key = ("resident", resident.pk)
            url = "" if resident.erased_at else resident.get_absolute_url()
            line = lines.get(key) or MoneyGiver(str(resident), GiverKind.RESIDENT.label, url=url)
        else:
            key = ("residents",)
            line = lines.get(key) or MoneyGiver(_("bewoners samen"), GiverKind.RESIDENT.label)
        line.amount += pledge.amount or Decimal("0")
        line.parties.add((pledge.resident_id, pledge.giver_id))
        lines[key] = line
    return sorted(lines.values(), key=lambda line: (-line.amount, line.name))


def pledge_detail(access: CollectiveAccess, pk: int) -> Pledge:
    return get_object_or_404(
        Pledge.objects.filter(initiative__collective=access.collective).select_related(
            "initiative"
        ),
        pk=pk,
    )


def _connections(access: CollectiveAccess) -> QuerySet[Connection]:
    return Connection.objects.filter(collective=access.collective).select_related(
        "resident",
        "other_resident",
        "asset",
        "initiative",
        "need",
        "activity",
        "recorded_by",
        "collective",
        "resident__collective",
        "other_resident__collective",
        "asset__collective",
        "initiative__collective",
    )


def connection_log(
    access: CollectiveAccess,
    *,
    kind: str = "",
    initiative=None,
    resident=None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[Connection]:
    """The collective's connections, newest first, with only what the log shows: fewer joins
    (PostgreSQL spent longer planning the full join of twelve tables than running it)."""
    connections = (
        Connection.objects.filter(collective=access.collective)
        .select_related(
            "resident", "other_resident", "asset", "initiative", "need", "recorded_by", "collective"
        )
        .order_by("-happened_on", "-recorded_at", "-id")
    )
    if kind:
        connections = connections.filter(kind=kind)
    if initiative:
        connections = connections.filter(initiative=initiative)
    if resident:
        connections = connections.filter(Q(resident=resident) | Q(other_resident=resident))
    if since:
        connections = connections.filter(happened_on__gte=since)
    if until:
        connections = connections.filter(happened_on__lte=until)
    return connections


def outcome_counts(connections: QuerySet[Connection]) -> dict[str, int]:
    """Of these connections: how many led to something ("ja"), did not, or still run, as
    answered some days later; one query."""
    counts = dict.fromkeys(Outcome.values, 0)
    rows = connections.order_by().values_list("outcome").annotate(n=Count("pk"))
    for outcome, n in rows:
        if outcome in counts:
            counts[outcome] = n
    counts["worked"] = counts[Outcome.YES]
    return counts


def connection_detail(access: CollectiveAccess, pk: int) -> Connection:
    return get_object_or_404(_connections(access), pk=pk)


def activity_connections(access: CollectiveAccess, activity: Activity) -> QuerySet[Connection]:
    return _connections(access).filter(activity=activity).order_by("id")


def network_ties(collective) -> list[tuple[tuple[str, int], tuple[str, int], str, date]]:
    """Every tie of one collective as ((kind of node, id), (kind of node, id), how, when), read
    from the one table that holds them; for the network analysis."""
    ties = []
    for row in Connection.objects.filter(collective=collective).values_list(
        "resident_id", "initiative_id", "other_resident_id", "asset_id", "kind", "happened_on"
    ):
        resident_id, initiative_id, other_id, asset_id, kind, happened_on = row
        side_a = ("resident", resident_id) if resident_id else ("initiative", initiative_id)
        side_b = ("resident", other_id) if other_id else ("asset", asset_id)
        ties.append((side_a, side_b, kind, happened_on))
    return ties

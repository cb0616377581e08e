"""The indicators a gemeente can see, and how each is counted from what collectives record.

Every indicator is a *flow*: what happened in a month (new residents, new connections, hours
given …), so months add up to the year and buurten add up to wijken and the gemeente. That
keeps every published figure a plain sum, which is what suppression needs to reason about.
The counts here are raw and go to ``aggregates`` only; nothing else may show them."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.assets.models import Asset, Category
from kring.core.jobs import JobStatus
from kring.initiatives.models import (
    Activity,
    Connection,
    Initiative,
    Need,
    Pledge,
    PublicTask,
    Question,
    Status,
)
from kring.network.models import NetworkAnalysis
from kring.people.models import Resident

from .models import ShareGroup


def residents():
    """Every resident record, for counting: the one door through which kring.impact reads
    persons (the import contract "impact reads persons only through its aggregation module")."""
    return Resident.objects.all()


# (collective id, buurt id or None, month 1-12) -> value
BaseCells = dict[tuple[int, int | None, int], float]

# Activities count for a large task (opgave) when their initiative works on a task whose name
# holds these words (the starter tasks are "zorg en welzijn" and "energietransitie"; an
# installation that renames them keeps the word).
CARE_TASK = "zorg"
ENERGY_TASK = "energie"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    group: str
    unit: str = "aantal"
    # The hours follow the activities: a month with few activities hides its hours too.
    follows: str = ""
    help: str = ""


def _static_indicators() -> list[Indicator]:
    return [
        *_people_indicators(),
        *_initiative_indicators(),
        *_activity_indicators(),
        *_asset_indicators(),
    ]


def _people_indicators() -> list[Indicator]:
    """Residents who took part, what they offer and pledge, and the ties made between them."""
    p, c = ShareGroup.PARTICIPATION, ShareGroup.CONNECTIONS
    return [
        Indicator("residents", _("Nieuwe bewoners betrokken"), p, help=_("ingevoerd in de maand")),
        Indicator("gifts", _("Gaven in kaart gebracht"), p, help=_("nieuwe gaven van bewoners")),
        Indicator(
            "gifts_used",
            _("Gaven ingezet"),
            c,
            help=_("verbindingen gemaakt voor een behoefte van een initiatief"),
        ),
        Indicator("pledges", _("Toezeggingen"), p, help=_("uren, spullen of geld beloofd")),
        Indicator(
            "connections",
            _("Nieuwe verbindingen"),
            c,
            help=_(
                "uit het logboek: twee die voor het eerst verbonden werden (elkaar weer zien "
                "telt niet opnieuw)"
            ),
        ),
        Indicator(
            "connections_worked",
            _("Verbindingen die tot iets leidden"),
            c,
            help=_(
                "nagevraagd enkele dagen na de verbinding: de bewoner of de buurtmaker zei ‘ja’; "
                "geteld in de maand van de verbinding, naast alle verbindingen uit het logboek"
            ),
        ),
        Indicator(
            "bridging",
            _("Overbruggende verbindingen"),
            c,
            help=_(
                "verbindingen tussen twee groepen in het netwerk, volgens de laatste "
                "netwerkberekening van het collectief"
            ),
        ),
        Indicator(
            "reach",
            _("Verbindingen tussen buurten"),
            c,
            help=_("nieuwe verbindingen tussen bewoners uit verschillende buurten"),
        ),
        Indicator(
            "first_connections",
            _("Bewoners met hun eerste verbinding"),
            c,
            help=_(
                "bewoners die in deze maand voor het eerst met iemand verbonden werden: "
                "zij staan er niet meer alleen voor"
            ),
        ),
    ]


def _initiative_indicators() -> list[Indicator]:
    """New initiatives by status and their needs by question: one indicator per value."""
    i = ShareGroup.INITIATIVES
    rows = [
        Indicator(f"initiatives_{s.value}", _("Nieuwe initiatieven: %(s)s") % {"s": s.label}, i)
        for s in Status
    ]
    rows += [
        Indicator(f"needs_{q.value}", _("Behoeften: %(q)s") % {"q": q.label}, i) for q in Question
    ]
    return rows


def _activity_indicators() -> list[Indicator]:
    """What activities gave: their number, hours of help, care, energy and repairs."""
    a = ShareGroup.ACTIVITIES
    return [
        Indicator("activities", _("Activiteiten"), a),
        Indicator("hours", _("Uren vrijwillige hulp"), a, unit="uren", follows="activities"),
        Indicator(
            "care_activities",
            _("Activiteiten voor zorg en welzijn"),
            a,
            help=_("activiteiten van initiatieven voor de opgave zorg en welzijn"),
        ),
        Indicator(
            "care_hours",
            _("Uren zorg en steun door bewoners"),
            a,
            unit="uren",
            follows="care_activities",
            help=_("uren hulp bij activiteiten voor de opgave zorg en welzijn"),
        ),
        Indicator(
            "energy_activities",
            _("Activiteiten voor energie besparen"),
            a,
            help=_(
                "activiteiten van initiatieven voor de opgave energietransitie, zoals een "
                "bezoek van een energiecoach"
            ),
        ),
        Indicator(
            "repairs",
            _("Spullen gerepareerd"),
            a,
            follows="activities",
            help=_(
                "bij een Repair Café of klusochtend: wat weer werkt, zoals de buurtmaker het "
                "bij de aanwezigheid invulde"
            ),
        ),
    ]


def _asset_indicators() -> list[Indicator]:
    """New assets (krachten) per category; gifts are counted with the residents instead."""
    b = ShareGroup.ASSETS
    return [
        Indicator(f"assets_{cat.value}", _("Nieuwe krachten: %(c)s") % {"c": cat.label}, b)
        for cat in Category
        if cat != Category.GIFT
    ]


def all_indicators() -> list[Indicator]:
    """The static list plus one indicator per large task (opgave)."""
    rows = _static_indicators()
    rows += [
        Indicator(
            f"task_{t.pk}",
            _("Initiatieven voor opgave: %(t)s") % {"t": t.localized.name},
            "initiatieven",
        )
        for t in PublicTask.objects.order_by("position", "name")
    ]
    return rows


def _month_starts(model, date: str, year: int) -> list:
    """13 boundaries: the first of every month of the year and of the next January, as
    aware datetimes for a date-time field, as dates for a date field."""
    days = [datetime.date(year, m, 1) for m in range(1, 13)] + [datetime.date(year + 1, 1, 1)]
    if isinstance(model._meta.get_field(date), models.DateTimeField):
        return [timezone.make_aware(datetime.datetime.combine(d, datetime.time())) for d in days]
    return days


def _grouped(qs, *, date: str, buurt, collective: str, year: int, value=None, key: str = ""):
    """One GROUP BY query: (collective, buurt[, key]) with twelve monthly sums beside each
    other. Ranges on the date column instead of extracting the month keep it plain SQL (on
    SQLite, extracting a month calls Python for every row)."""
    return _grouped_many(
        qs,
        date=date,
        buurt=buurt,
        collective=collective,
        year=year,
        key=key,
        measures={"v": (value, None)},
    )["v"]


def _grouped_many(
    qs, *, date: str, buurt, collective: str, year: int, measures: dict, key: str = ""
) -> dict[str, list]:
    """``_grouped`` for several measures of the same rows in one query: ``measures`` maps a
    name to (the value to sum, or None to count; a condition on the row, or None)."""
    starts = _month_starts(qs.model, date, year)
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


def _add(cells: BaseCells, rows: Iterable) -> BaseCells:
    for c, b, m, v in rows:
        if v:
            cells[(c, b, m)] = cells.get((c, b, m), 0) + float(v)
    return cells


def base_cells(*, collective_ids: dict[str, list[int]], year: int) -> dict[str, BaseCells]:
    """Raw counts per indicator for the collectives that share its group, for one year.
    ``collective_ids`` maps a share group to the collectives sharing it."""
    out: dict[str, BaseCells] = defaultdict(dict)
    ids = {g: list(v) for g, v in collective_ids.items()}

    p = ids.get(ShareGroup.PARTICIPATION, [])
    if p:
        _participation_cells(out, p, year)
    b = ids.get(ShareGroup.ASSETS, [])
    if p or b:
        _asset_cells(out, p, b, year)
    c_ids = ids.get(ShareGroup.CONNECTIONS, [])
    if c_ids:
        _connection_cells(out, c_ids, year)
    i_ids = ids.get(ShareGroup.INITIATIVES, [])
    if i_ids:
        _initiative_cells(out, i_ids, year)
    a_ids = ids.get(ShareGroup.ACTIVITIES, [])
    if a_ids:
        _activity_cells(out, a_ids, year)
    return out


def _participation_cells(out: dict[str, BaseCells], p: list[int], year: int) -> None:
    """New residents and pledges: the participation group counts people who joined in."""
    _add(
        out["residents"],
        _grouped(
            Resident.objects.filter(collective_id__in=p, created_at__year=year),
            date="created_at",
            buurt=F("neighbourhood_id"),
            collective="collective_id",
            year=year,
        ),
    )
    _add(
        out["pledges"],
        _grouped(
            Pledge.objects.filter(initiative__collective_id__in=p, pledged_on__year=year),
            date="pledged_on",
            buurt=Coalesce("resident__neighbourhood_id", "initiative__neighbourhood_id"),
            collective="initiative__collective_id",
            year=year,
        ),
    )


def _asset_cells(out: dict[str, BaseCells], p: list[int], b: list[int], year: int) -> None:
    """New assets per category in one query: gifts belong to the participation group, every
    other category to the assets group, so each row is kept only where its group is shared."""
    assets_for = {Category.GIFT: p, **{cat: b for cat in Category if cat != Category.GIFT}}
    asset_ids = sorted(set(p) | set(b))
    rows = _grouped(
        Asset.objects.filter(collective_id__in=asset_ids, created_at__year=year),
        date="created_at",
        buurt=Coalesce("neighbourhood_id", "resident__neighbourhood_id"),
        collective="collective_id",
        year=year,
        key="category",
    )
    for c, bu, m, cat, v in rows:
        if c in assets_for.get(cat, ()):
            key = "gifts" if cat == Category.GIFT else f"assets_{cat}"
            _add(out[key], [(c, bu, m, v)])


def _connection_cells(out: dict[str, BaseCells], c_ids: list[int], year: int) -> None:
    """Connections made and worked (counted on the rows), and new ties, reach, bridging and
    first connections (read from the connection log, which sees the years before too)."""
    connections = Connection.objects.filter(collective_id__in=c_ids, happened_on__year=year)
    made = _grouped_many(
        connections,
        date="happened_on",
        buurt=Coalesce("resident__neighbourhood_id", "initiative__neighbourhood_id"),
        collective="collective_id",
        year=year,
        measures={
            "gifts_used": (None, Q(need__isnull=False)),
            "connections_worked": (None, Q(outcome="ja")),
        },
    )
    for name, rows in made.items():
        _add(out[name], rows)
    log = connection_log(c_ids, year)
    ties = new_ties(c_ids, year, log)
    _add(out["connections"], _count_ties(ties))
    # A new tie between two residents of different buurten, under the first one's buurt.
    _add(
        out["reach"],
        _count_ties(t for t in ties if t.buurt_a and t.buurt_b and t.buurt_a != t.buurt_b),
    )
    _add(out["bridging"], _bridging(c_ids, ties))
    _add(out["first_connections"], _first_connections(log))


def _initiative_cells(out: dict[str, BaseCells], i_ids: list[int], year: int) -> None:
    """New initiatives by status, their needs by question and by large task: one indicator
    per value, so each is split out of its own grouped query."""
    for c, bu, m, status, v in _grouped(
        Initiative.objects.filter(collective_id__in=i_ids, created_at__year=year),
        date="created_at",
        buurt=F("neighbourhood_id"),
        collective="collective_id",
        year=year,
        key="status",
    ):
        _add(out[f"initiatives_{status}"], [(c, bu, m, v)])
    for c, bu, m, question, v in _grouped(
        Need.objects.filter(initiative__collective_id__in=i_ids, created_at__year=year),
        date="created_at",
        buurt=F("initiative__neighbourhood_id"),
        collective="initiative__collective_id",
        year=year,
        key="question",
    ):
        _add(out[f"needs_{question}"], [(c, bu, m, v)])
    for c, bu, m, task, v in _grouped(
        Initiative.objects.filter(
            collective_id__in=i_ids, created_at__year=year, tasks__isnull=False
        ),
        date="created_at",
        buurt=F("neighbourhood_id"),
        collective="collective_id",
        year=year,
        key="tasks__id",
    ):
        _add(out[f"task_{task}"], [(c, bu, m, v)])


def _activity_cells(out: dict[str, BaseCells], a_ids: list[int], year: int) -> None:
    """Activities, hours, care, energy and repairs: all measures of the same activity rows,
    so one query sums them side by side."""
    activities = Activity.objects.filter(collective_id__in=a_ids, date__year=year)
    care, energy = _for_task(CARE_TASK), _for_task(ENERGY_TASK)
    made = _grouped_many(
        activities,
        date="date",
        buurt=Coalesce("place__neighbourhood_id", "initiative__neighbourhood_id"),
        collective="collective_id",
        year=year,
        measures={
            "activities": (None, None),
            "hours": ("hours_given", None),
            "care_activities": (None, care),
            "care_hours": ("hours_given", care),
            "energy_activities": (None, energy),
            "repairs": ("items_repaired", None),
        },
    )
    for name, rows in made.items():
        _add(out[name], rows)


def _for_task(word: str) -> Q:
    """The activity's initiative works on a large task whose name holds ``word``. A subquery,
    not a join: an initiative with two tasks must not count its activities twice."""
    links = Initiative.tasks.through.objects.filter(
        initiative_id=OuterRef("initiative_id"), publictask__name__icontains=word
    )
    return Q(Exists(links))


def _first_connections(log: list) -> list:
    """Residents whose first logged connection in their collective (on either end, or as the
    owner of the gift used) falls in this year, by their buurt and the month of that first
    connection. Read from the connection log that ``first_ties`` reads (every connection up to
    the end of the year, oldest first): a resident whose first connection is after the year
    is not in it, one whose first is before the year is seen there first."""
    since = datetime.date(log.year, 1, 1)
    first: dict[tuple[int, int], tuple[int | None, datetime.date]] = {}
    for row in log.rows:
        cid, day = row[0], row[2]
        for resident, buurt in ((row[3], row[8]), (row[5], row[9]), (row[7], row[10])):
            if resident is not None and (cid, resident) not in first:
                first[(cid, resident)] = (buurt, day)
    counts: dict = defaultdict(int)
    for (cid, _resident), (buurt, day) in first.items():
        if day >= since:
            counts[(cid, buurt, day.month)] += 1
    return [(c, b, m, v) for (c, b, m), v in counts.items()]


@dataclass(frozen=True)
class Tie:
    """A connection that is the first between its two parties in the collective: the first
    meeting of two neighbours counts, the tenth meeting of the same two does not."""

    collective: int
    buurt: int | None  # the first party's buurt, else the initiative's
    day: datetime.date
    a: str  # "r:12" (resident) or "i:3" (initiative)
    b: str  # "r:40" (resident, also for a gift) or "a:7" (association, institution, place)
    buurt_a: int | None  # the two residents' own buurten, when both ends are residents
    buurt_b: int | None


@dataclass(frozen=True)
class ConnectionLog:
    """Every connection of some collectives before the end of ``year``, oldest first, read
    once for the new ties and the first connections of that year."""

    year: int
    rows: list


def connection_log(collective_ids: list[int], year: int) -> ConnectionLog:
    return ConnectionLog(year, list(_log_rows(collective_ids, until=datetime.date(year + 1, 1, 1))))


def _log_rows(collective_ids: list[int], *, until: datetime.date):
    return (
        Connection.objects.filter(collective_id__in=collective_ids, happened_on__lt=until)
        .order_by("happened_on", "id")
        .values_list(
            "collective_id",
            Coalesce("resident__neighbourhood_id", "initiative__neighbourhood_id"),
            "happened_on",
            "resident_id",
            "initiative_id",
            "other_resident_id",
            "asset_id",
            "asset__resident_id",
            "resident__neighbourhood_id",
            "other_resident__neighbourhood_id",
            "asset__resident__neighbourhood_id",
        )
        .iterator(chunk_size=5000)
    )


def new_ties(collective_ids: list[int], year: int, log: ConnectionLog | None = None) -> list[Tie]:
    """The year's connections that tie two parties for the first time."""
    since = datetime.date(year, 1, 1)
    if log is not None:
        return _ties(log.rows, since)
    return first_ties(collective_ids, since=since, until=datetime.date(year + 1, 1, 1))


def first_ties(
    collective_ids: list[int], *, since: datetime.date, until: datetime.date
) -> list[Tie]:
    """Connections from ``since`` up to (not including) ``until`` that tie two parties for the
    first time. Every earlier connection is read once, oldest first, to know which pairs
    already met; a pair of two residents is the same pair whichever of them is recorded
    first."""
    return _ties(_log_rows(collective_ids, until=until), since)


def _ties(rows, since: datetime.date) -> list[Tie]:
    seen: set = set()
    ties = []
    for cid, buurt, day, res, ini, other, asset, asset_res, buurt_a, buurt_b, _c in rows:
        a = f"r:{res}" if res else f"i:{ini}"
        b = f"r:{other}" if other else (f"r:{asset_res}" if asset_res else f"a:{asset}")
        pair = (cid, *sorted((a, b)))
        if pair in seen:
            continue
        seen.add(pair)
        if day >= since:
            ties.append(Tie(cid, buurt, day, a, b, buurt_a, buurt_b))
    return ties


def _count_ties(ties) -> list:
    counts: dict = defaultdict(int)
    for t in ties:
        counts[(t.collective, t.buurt, t.day.month)] += 1
    return [(c, b, m, v) for (c, b, m), v in counts.items()]


def _bridging(collective_ids: list[int], ties: list[Tie]) -> list:
    """New ties of the year whose two ends lie in different groups (Leiden communities) of
    the collective's latest network analysis, and neither end is an institution (that tie is
    *linking*). Ends the analysis does not know yet are not counted."""
    latest = {}
    for analysis in (
        NetworkAnalysis.objects.filter(collective_id__in=collective_ids, status=JobStatus.DONE)
        .order_by("collective_id", "-created_at", "-id")
        .only("collective_id", "result")
    ):
        latest.setdefault(analysis.collective_id, analysis)
    if not latest:
        return []
    nodes = {
        cid: {n["key"]: (n["community"], n["category"]) for n in a.result.get("nodes", [])}
        for cid, a in latest.items()
    }
    counts: dict = defaultdict(int)
    for t in ties:
        known = nodes.get(t.collective)
        if known is None or t.a not in known or t.b not in known:
            continue
        (ca, cat_a), (cb, cat_b) = known[t.a], known[t.b]
        if ca != cb and Category.INSTITUTION not in (cat_a, cat_b):
            counts[(t.collective, t.buurt, t.day.month)] += 1
    return [(c, b, m, v) for (c, b, m), v in counts.items()]

"""The raw counts of every indicator, per share group, for one year: who took part, what was
mapped, connections, initiatives and their needs, and activities."""

from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce

from kring.assets.models import Asset, Category
from kring.initiatives.models import Activity, Connection, Initiative, Need, Pledge
from kring.people.models import Resident

from ..models import ShareGroup
from .grouping import BaseCells, add, grouped, grouped_many
from .ties import bridging, connection_log, count_ties, first_connections, new_ties

# Activities count for a large task (opgave) when their initiative works on a task whose name
# holds these words (the starter tasks are "zorg en welzijn" and "energietransitie"; an
# installation that renames them keeps the word).
CARE_TASK = "zorg"
ENERGY_TASK = "energie"


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
    add(
        out["residents"],
        grouped(
            Resident.objects.filter(collective_id__in=p, created_at__year=year),
            date="created_at",
            buurt=F("neighbourhood_id"),
            collective="collective_id",
            year=year,
        ),
    )
    add(
        out["pledges"],
        grouped(
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
    rows = grouped(
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
            add(out[key], [(c, bu, m, v)])


def _connection_cells(out: dict[str, BaseCells], c_ids: list[int], year: int) -> None:
    """Connections made and worked (counted on the rows), and new ties, reach, bridging and
    first connections (read from the connection log, which sees the years before too)."""
    connections = Connection.objects.filter(collective_id__in=c_ids, happened_on__year=year)
    made = grouped_many(
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
        add(out[name], rows)
    log = connection_log(c_ids, year)
    ties = new_ties(c_ids, year, log)
    add(out["connections"], count_ties(ties))
    # A new tie between two residents of different buurten, under the first one's buurt.
    add(
        out["reach"],
        count_ties(t for t in ties if t.buurt_a and t.buurt_b and t.buurt_a != t.buurt_b),
    )
    add(out["bridging"], bridging(c_ids, ties))
    add(out["first_connections"], first_connections(log))


def _initiative_cells(out: dict[str, BaseCells], i_ids: list[int], year: int) -> None:
    """New initiatives by status, their needs by question and by large task: one indicator
    per value, so each is split out of its own grouped query."""
    for c, bu, m, status, v in grouped(
        Initiative.objects.filter(collective_id__in=i_ids, created_at__year=year),
        date="created_at",
        buurt=F("neighbourhood_id"),
        collective="collective_id",
        year=year,
        key="status",
    ):
        add(out[f"initiatives_{status}"], [(c, bu, m, v)])
    for c, bu, m, question, v in grouped(
        Need.objects.filter(initiative__collective_id__in=i_ids, created_at__year=year),
        date="created_at",
        buurt=F("initiative__neighbourhood_id"),
        collective="initiative__collective_id",
        year=year,
        key="question",
    ):
        add(out[f"needs_{question}"], [(c, bu, m, v)])
    for c, bu, m, task, v in grouped(
        Initiative.objects.filter(
            collective_id__in=i_ids, created_at__year=year, tasks__isnull=False
        ),
        date="created_at",
        buurt=F("neighbourhood_id"),
        collective="collective_id",
        year=year,
        key="tasks__id",
    ):
        add(out[f"task_{task}"], [(c, bu, m, v)])


def _activity_cells(out: dict[str, BaseCells], a_ids: list[int], year: int) -> None:
    """Activities, hours, care, energy and repairs: all measures of the same activity rows,
    so one query sums them side by side."""
    activities = Activity.objects.filter(collective_id__in=a_ids, date__year=year)
    care, energy = _for_task(CARE_TASK), _for_task(ENERGY_TASK)
    made = grouped_many(
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
        add(out[name], rows)


def _for_task(word: str) -> Q:
    """The activity's initiative works on a large task whose name holds ``word``. A subquery,
    not a join: an initiative with two tasks must not count its activities twice."""
    links = Initiative.tasks.through.objects.filter(
        initiative_id=OuterRef("initiative_id"), publictask__name__icontains=word
    )
    return Q(Exists(links))

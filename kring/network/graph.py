"""The collective's network as an igraph graph, built from what Kring records:

- the connections log (resident–resident, resident–group/institution/place, initiative–…);
- initiative participation (initiators and participants) and activity attendance
  (resident–initiative);
- the assets an initiative uses (initiative–group/institution/place).

Every resident of the collective is a vertex, also without ties: those are the people not yet
connected. Vertices are keyed ``r:<pk>`` (resident), ``a:<pk>`` (asset), ``i:<pk>``
(initiative); parallel ties become one edge with a weight and the date of the first tie."""

import datetime
from dataclasses import dataclass

import igraph
import numpy as np

from kring.assets.models import Asset, Category
from kring.initiatives.models import Activity, Connection, Initiative
from kring.people.models import Resident


@dataclass
class CommunityGraph:
    graph: igraph.Graph
    keys: list[str]
    kinds: list[str]  # resident, asset, initiative
    categories: list[str]  # asset category, "" for others
    since: list[datetime.date]  # per edge: the first tie
    weight: list[int]

    @property
    def linking(self) -> np.ndarray:
        return np.asarray([c == Category.INSTITUTION for c in self.categories], dtype=bool)

    def until(self, day: datetime.date) -> "CommunityGraph":
        """The graph as it was on ``day``: the same vertices, only ties made by then."""
        keep = [i for i, d in enumerate(self.since) if d <= day]
        graph = self.graph.subgraph_edges(keep, delete_vertices=False)
        return CommunityGraph(
            graph,
            self.keys,
            self.kinds,
            self.categories,
            [self.since[i] for i in keep],
            [self.weight[i] for i in keep],
        )


def _day(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def build(collective, *, as_of: datetime.date | None = None) -> CommunityGraph:
    ties = _Ties(as_of or datetime.date.max, *_asset_parties(collective))
    for pk in (
        Resident.objects.filter(collective=collective).order_by("pk").values_list("pk", flat=True)
    ):
        ties.vertex(f"r:{pk}", "resident")
    _connection_ties(ties, collective)
    _initiative_ties(ties, collective)
    return ties.graph()


def _asset_parties(collective) -> tuple[dict, dict]:
    """The assets that are vertices of their own (with their category), and the gifts, whose
    ties go to the resident who gives them."""
    asset_info = dict(
        Asset.objects.filter(collective=collective)
        .exclude(category__in=[Category.GIFT, Category.STORY])
        .values_list("pk", "category")
    )
    gift_owner = dict(
        Asset.objects.filter(collective=collective, category=Category.GIFT).values_list(
            "pk", "resident_id"
        )
    )
    return asset_info, gift_owner


class _Ties:
    """The vertices and ties found so far. Vertices get their number in the order they are
    first met; parallel ties are counted, keeping the date of the first."""

    def __init__(self, as_of: datetime.date, asset_info: dict, gift_owner: dict):
        self.as_of = as_of
        self.asset_info = asset_info
        self.gift_owner = gift_owner
        self.keys: dict[str, int] = {}
        self.kinds: list[str] = []
        self.categories: list[str] = []
        self.ties: dict[tuple[int, int], list] = {}

    def vertex(self, key: str, kind: str, category: str = "") -> int:
        if key not in self.keys:
            self.keys[key] = len(self.kinds)
            self.kinds.append(kind)
            self.categories.append(category)
        return self.keys[key]

    def party(self, resident_id=None, asset_id=None, initiative_id=None) -> int | None:
        keys = self.keys
        if resident_id:
            return keys.get(f"r:{resident_id}")
        if asset_id:
            if asset_id in self.gift_owner:  # a gift's party is its resident
                return keys.get(f"r:{self.gift_owner[asset_id]}")
            if asset_id in self.asset_info:
                return self.vertex(f"a:{asset_id}", "asset", self.asset_info[asset_id])
            return None
        if initiative_id:
            return self.vertex(f"i:{initiative_id}", "initiative")
        return None

    def tie(self, a, b, day) -> None:
        if a is None or b is None or a == b or day is None or day > self.as_of:
            return
        ties = self.ties
        pair = (min(a, b), max(a, b))
        if pair in ties:
            ties[pair][0] += 1
            ties[pair][1] = min(ties[pair][1], day)
        else:
            ties[pair] = [1, day]

    def graph(self) -> CommunityGraph:
        ties = self.ties
        pairs = sorted(ties)
        graph = igraph.Graph(n=len(self.kinds), edges=pairs, directed=False)
        return CommunityGraph(
            graph=graph,
            keys=list(self.keys),
            kinds=self.kinds,
            categories=self.categories,
            since=[ties[p][1] for p in pairs],
            weight=[ties[p][0] for p in pairs],
        )


def _connection_ties(ties: _Ties, collective) -> None:
    """The connections log: a resident (or an initiative) with another resident or an asset."""
    for resident, other, asset, initiative, day in Connection.objects.filter(
        collective=collective
    ).values_list("resident_id", "other_resident_id", "asset_id", "initiative_id", "happened_on"):
        side_a = (
            ties.party(resident_id=resident) if resident else ties.party(initiative_id=initiative)
        )
        ties.tie(side_a, ties.party(resident_id=other, asset_id=asset), day)


def _initiative_ties(ties: _Ties, collective) -> None:
    """Initiators and participants, the assets an initiative uses (from the day it started)
    and the residents who came to its activities (on the day of the activity)."""
    initiatives = {
        pk: _day(start or created)
        for pk, start, created in Initiative.objects.filter(collective=collective).values_list(
            "pk", "start_date", "created_at"
        )
    }
    for through, column in (
        (Initiative.participants.through, "resident_id"),
        (Initiative.initiators.through, "resident_id"),
    ):
        for initiative, resident in through.objects.filter(
            initiative__collective=collective
        ).values_list("initiative_id", column):
            ties.tie(
                ties.party(resident_id=resident),
                ties.party(initiative_id=initiative),
                initiatives[initiative],
            )
    for initiative, asset in Initiative.assets.through.objects.filter(
        initiative__collective=collective
    ).values_list("initiative_id", "asset_id"):
        ties.tie(
            ties.party(initiative_id=initiative),
            ties.party(asset_id=asset),
            initiatives[initiative],
        )
    for initiative, resident, day in Activity.attendees.through.objects.filter(
        activity__collective=collective
    ).values_list("activity__initiative_id", "resident_id", "activity__date"):
        ties.tie(ties.party(resident_id=resident), ties.party(initiative_id=initiative), day)

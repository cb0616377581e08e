"""Reads of the connections log and the ties it gives the network."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess
from kring.core.related import with_related

from ..models import (
    Activity,
    Connection,
    Outcome,
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


# The related rows the log shows, and the columns of each it reads (see log_rows).
LOG_RELATED = {
    "resident": ("name", "erased_at"),
    "other_resident": ("name", "erased_at"),
    "asset": ("title",),
    "initiative": ("title",),
    "need": ("text",),
    "recorded_by": ("name",),
}


def log_rows(connections: QuerySet[Connection]) -> QuerySet[Connection]:
    """The log's connections with only the columns its rows show (names and titles, not whole
    residents, assets and accounts): less for the database to send and the ORM to build. The
    names and titles are read by subqueries, not joins (kring.core.related): PostgreSQL spent
    5-10 ms weighing the order of the six joins, and ran them in 0.4 ms."""
    return with_related(
        connections.select_related(None).only(
            "id",
            "kind",
            "happened_on",
            "outcome",
            *LOG_RELATED,
        ),
        LOG_RELATED,
    )


def outcome_counts(connections: QuerySet[Connection]) -> dict[str, int]:
    """Of these connections: how many led to something ("ja"), did not, or still run, as
    answered some days later; one query."""
    counts = dict.fromkeys(Outcome.values, 0)
    rows = connections.order_by().values_list("outcome").annotate(n=Count("pk"))
    total = 0
    for outcome, n in rows:
        total += n
        if outcome in counts:
            counts[outcome] = n
    counts["worked"] = counts[Outcome.YES]
    # Every connection, answered or not: the log's paginator takes it instead of counting again.
    counts["all"] = total
    return counts


def connection_detail(access: CollectiveAccess, pk: int) -> Connection:
    return get_object_or_404(_connections(access), pk=pk)


def activity_connections(access: CollectiveAccess, activity: Activity) -> QuerySet[Connection]:
    return _connections(access).filter(activity=activity).order_by("id")


@dataclass
class TieGroup:
    """The ties one party made in one way: "Samira — Fatima, Henk, Zaal in het Fort"."""

    party: str
    kind: str
    happened_on: date
    others: list[str] = field(default_factory=list)


def activity_tie_groups(connections) -> list[TieGroup]:
    """An activity's ties grouped per person (or initiative) and kind, in the order they were
    made: ten people who met give ten lines instead of forty-five pairs (long on a phone)."""
    groups: dict[tuple, TieGroup] = {}
    for connection in connections:
        if connection.resident_id:
            key, party = ("resident", connection.resident_id), connection.resident.display_name
        else:
            key, party = ("initiative", connection.initiative_id), connection.initiative.title
        other = (
            connection.other_resident.display_name
            if connection.other_resident_id
            else connection.asset.title
        )
        group = groups.setdefault(
            (key, connection.kind),
            TieGroup(party, connection.get_kind_display(), connection.happened_on),
        )
        group.others.append(other)
    return list(groups.values())


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

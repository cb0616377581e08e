"""Ties read from the connection log: the first connection between two parties (a new tie),
residents' first connections, and new ties that bridge two groups of the collective's latest
network analysis."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models.functions import Coalesce

from kring.assets.models import Category
from kring.core.jobs import JobStatus
from kring.initiatives.models import Connection
from kring.network.models import NetworkAnalysis


def first_connections(log: list) -> list:
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


def count_ties(ties) -> list:
    counts: dict = defaultdict(int)
    for t in ties:
        counts[(t.collective, t.buurt, t.day.month)] += 1
    return [(c, b, m, v) for (c, b, m), v in counts.items()]


def bridging(collective_ids: list[int], ties: list[Tie]) -> list:
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

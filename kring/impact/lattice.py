"""The published lattice of the municipality figures: which (collective, buurt) cells each area
adds up, their sums rounded, and for every table the suppression pattern, made once and
remembered (in the cache and in ``FigureStore``). ``aggregates`` asks it; only shown, rounded
numbers leave ``aggregates``."""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from threadpoolctl import threadpool_limits

from . import store, suppression
from .indicators import Indicator

YEAR = 0  # the time column for the whole year; months are 1-12
TIMES = [*list(range(1, 13)), YEAR]
UNKNOWN = "W:0"


@dataclass(frozen=True)
class Area:
    key: str  # "G", "W:<id>", "W:0" (buurt onbekend), "B:<id>", "C:<id>"
    label: str
    level: str  # gemeente, wijk, buurt, collectief
    code: str = ""
    parent: str = ""


def statuses(
    indicators: list[Indicator], located: dict, areas: list[Area], district_of: dict, limit: int
) -> dict:
    """Shown, small or hidden for every cell of every indicator: first the indicators that
    stand on their own, then those that follow another, which must hide what it hides."""
    statuses = _protected(
        {i.key: (located[i.key], None) for i in indicators if not i.follows},
        areas,
        district_of,
        limit,
    )
    # Hours follow the activities: what hides an activity count hides its hours too.
    statuses.update(
        _protected(
            {
                i.key: (
                    located[i.key],
                    {
                        n
                        for n, s in enumerate(statuses.get(i.follows, []))
                        if s != suppression.SHOWN
                    },
                )
                for i in indicators
                if i.follows
            },
            areas,
            district_of,
            limit,
        )
    )
    return statuses


def within_areas(areas: list[Area], located: dict, district_of: dict) -> tuple[dict, np.ndarray]:
    """Every (collective, buurt) pair that has a count, numbered, and which of them each area
    adds up: one matrix then sums every area of an indicator at once."""
    row_of = {a.key: n for n, a in enumerate(areas)}
    place_of: dict = {}  # (collective, buurt) -> its column in ``within``
    for cells in located.values():
        for c, b, _m in cells:
            place_of.setdefault((c, b), len(place_of))
    # Which (collective, buurt) pairs each area adds up: areas × pairs, 0 or 1.
    within = np.zeros((len(areas), len(place_of)))
    for (c, b), j in place_of.items():
        names = (
            ("G", f"C:{c}", UNKNOWN)
            if b is None
            else ("G", f"C:{c}", f"W:{district_of[b]}", f"B:{b}")
        )
        within[[row_of[n] for n in names if n in row_of], j] = 1.0
    return place_of, within


def sums(cells: dict, place_of: dict, within: np.ndarray) -> np.ndarray:
    """Area × (months, year) -> the sum of its base cells: the values of ``_table`` without
    building the table (which is only needed when a suppression pattern must be made)."""
    per_place = np.zeros((within.shape[1], len(TIMES)))
    if cells:
        places = np.array([place_of[(c, b)] for c, b, _m in cells])
        months = np.array([m - 1 for _c, _b, m in cells])
        values = np.fromiter(cells.values(), dtype=float, count=len(cells))
        np.add.at(per_place, (places, months), values)
        per_place[:, len(TIMES) - 1] = per_place[:, : len(TIMES) - 1].sum(axis=1)
    return within @ per_place


def rounded(sums: np.ndarray, step: int) -> list[int]:
    """``suppression.rounded`` for every cell, in the order of ``areas`` × ``TIMES``."""
    if step <= 1:
        return np.rint(sums).astype(np.int64).ravel().tolist()
    return (np.floor_divide(sums + step / 2, step) * step).astype(np.int64).ravel().tolist()


def located(cells: dict, district_of: dict, own: set[int]) -> dict:
    """Keep what happened in a buurt of this gemeente, and what has no buurt when the
    collective belongs to this gemeente; a buurt elsewhere counts for that other gemeente."""
    kept = {}
    for (c, b, m), v in cells.items():
        if b is None:
            if c in own:
                kept[(c, None, m)] = v
        elif b in district_of:
            kept[(c, b, m)] = v
    return kept


def _table(cells: dict, areas: list[Area], district_of: dict):
    """The published lattice over the base cells: area × (months, year)."""
    base = sorted(cells, key=lambda k: (k[0], k[1] or 0, k[2]))
    values_of = [cells[k] for k in base]
    index: dict[tuple[str, int], int] = {}
    members: dict[str, list[int]] = {a.key: [] for a in areas}
    for j, (c, b, _m) in enumerate(base):
        members["G"].append(j)
        members.setdefault(f"C:{c}", []).append(j)
        if b is None:
            members[UNKNOWN].append(j)
        else:
            members.setdefault(f"W:{district_of[b]}", []).append(j)
            members.setdefault(f"B:{b}", []).append(j)
    support, values = [], []
    for area in areas:
        for time in TIMES:
            s = [j for j in members.get(area.key, []) if time == YEAR or base[j][2] == time]
            index[(area.key, time)] = len(support)
            support.append(s)
            values.append(sum(values_of[j] for j in s))
    relations = []
    children: dict[str, list[str]] = {}
    for a in areas:
        if a.parent:
            # Collectives and wijken are two different splits of the gemeente.
            kind = "C" if a.level == "collectief" else "A"
            children.setdefault(f"{kind}|{a.parent}", []).append(a.key)
    for key, parts in children.items():
        parent = key.split("|", 1)[1]
        for time in TIMES:
            relations.append((index[(parent, time)], [index[(p, time)] for p in parts]))
    for area in areas:
        relations.append((index[(area.key, YEAR)], [index[(area.key, m)] for m in range(1, 13)]))
    return suppression.Table(values, support, relations, len(base)), index


def _protected(tables: dict, areas: list[Area], district_of: dict, limit: int) -> dict:
    """Suppression is the costly step: remember it for exactly each table. ``tables`` maps an
    indicator to (base cells, primary cells or None). A table follows from its base cells and
    the areas (``_table``), so those are the key; a table is built only when its pattern is
    new. Patterns live in the cache and in ``FigureStore``, looked up together."""
    layout = [[a.key, a.level, a.parent] for a in areas]
    districts = sorted(district_of.items())
    prints = {
        indicator: store.digest(
            [
                "table-4",  # raise when _table or suppression changes what a pattern means
                limit,
                sorted(primary) if primary is not None else None,
                # 0 for "no buurt" (ids start at 1), so plain tuples sort without a key function
                sorted((c, b or 0, m, v) for (c, b, m), v in cells.items()),
                layout,
                districts,
            ]
        )
        for indicator, (cells, primary) in tables.items()
    }
    wanted = sorted(set(prints.values()))
    found = {
        key.removeprefix("impact:suppression:"): status
        for key, status in cache.get_many([f"impact:suppression:{p}" for p in wanted]).items()
    }
    from_store = store.load_patterns([p for p in wanted if p not in found])
    todo = {}
    for indicator, (cells, primary) in tables.items():
        fingerprint = prints[indicator]
        if fingerprint not in found and fingerprint not in from_store:
            todo.setdefault(fingerprint, (cells, primary))
    made = _protect_all(todo, areas, district_of, limit)
    store.save_patterns(made)
    fresh = {**from_store, **made}
    if fresh:
        cache.set_many({f"impact:suppression:{p}": s for p, s in fresh.items()}, 24 * 3600)
    found.update(fresh)
    return {indicator: found[p] for indicator, p in prints.items()}


def _protect_all(todo: dict, areas: list[Area], district_of: dict, limit: int) -> dict:
    """The suppression pattern of each new table. Tables are independent and their linear
    algebra runs outside Python's lock, so with more than one core they are worked on side by
    side (each table exactly as alone: the same cells hidden); one table, or one core, runs
    them one after the other."""

    def pattern(item):
        cells, primary = item
        table, _index = _table(cells, areas, district_of)
        return suppression.protect(table, threshold=limit, primary=primary)

    workers = min(len(todo), os.cpu_count() or 1, 4)
    if workers <= 1:
        return {fingerprint: pattern(item) for fingerprint, item in todo.items()}
    # One BLAS thread for the whole pool, so no table's end lifts the limit for another.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
        return dict(zip(todo, pool.map(pattern, todo.values()), strict=True))

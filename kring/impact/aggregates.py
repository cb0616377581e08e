"""The one way municipality figures leave Kring.

``municipality_figures(user=…, year=…)`` is the only public entry point: every page, export,
report and API answer for a gemeente goes through it. It

1. takes the gemeente from the municipality user (nobody else gets figures);
2. counts only collectives that share that group of figures with *this* gemeente, read at the
   moment of asking, so a withdrawal counts at once;
3. lays the counts out as one fixed table per indicator and year: the gemeente, every wijk,
   every buurt (plus "buurt onbekend") and every sharing collective, by month and for the
   year. Any question (a period, an area, a comparison) is answered from this table, never
   from a new sum, so two overlapping questions cannot be subtracted to reveal a hidden cell;
4. suppresses small counts (below ``KRING_SUPPRESSION_THRESHOLD``, shown as "<10") and
   enough other cells that no hidden cell follows from the shown ones (``suppression.py``);
5. rounds what it shows to ``KRING_SUPPRESSION_ROUNDING``.

Only shown (rounded) numbers leave this module; the raw counts stay inside."""

from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kring.communities.models import Collective
from kring.geo.models import District, Neighbourhood

from . import lattice, store, suppression
from .indicators import Indicator, all_indicators, base_cells
from .lattice import TIMES, UNKNOWN, YEAR, Area
from .models import ShareGroup, SharingChoice

CACHE_SECONDS = 30


@dataclass(frozen=True)
class Figure:
    """One shown figure: ``value`` is rounded, or None when hidden."""

    value: int | None
    status: str

    @property
    def display(self) -> str:
        if self.status == suppression.SMALL:
            return f"<{threshold()}"
        if self.status == suppression.HIDDEN:
            return "×"
        return str(self.value)

    @property
    def shown(self) -> bool:
        return self.status == suppression.SHOWN


@dataclass
class Figures:
    municipality: object
    year: int
    indicators: list[Indicator]
    areas: list[Area]
    collectives: list[dict]  # sharing collectives: id, name, groups
    threshold: int
    rounding: int
    # indicator -> (shown values, statuses), one entry per (area, time) in the order of
    # ``areas`` × ``TIMES``: two plain lists per indicator keep the cached copy small and
    # quick to load (tens of thousands of cells).
    _cells: dict = field(default_factory=dict)
    _position: dict = field(default_factory=dict)  # area key -> its first entry

    def __post_init__(self):
        self._position = {a.key: n * len(TIMES) for n, a in enumerate(self.areas)}

    def get(self, indicator: str, area: str = "G", time: int = YEAR) -> Figure:
        cells = self._cells.get(indicator)
        start = self._position.get(area)
        if cells is None or start is None or not (0 <= time <= 12):
            return Figure(0, suppression.SHOWN)
        i = start + (time - 1 if time else len(TIMES) - 1)
        return Figure(cells[0][i], cells[1][i])

    def all(self) -> list[Figure]:
        return [
            Figure(v, s)
            for values, statuses in self._cells.values()
            for v, s in zip(values, statuses, strict=True)
        ]

    def series(self, indicator: str, area: str = "G") -> list[Figure]:
        return [self.get(indicator, area, m) for m in range(1, 13)]

    def areas_at(self, level: str) -> list[Area]:
        return [a for a in self.areas if a.level == level]

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators if i.key == key), None)


def threshold() -> int:
    return max(1, int(getattr(settings, "KRING_SUPPRESSION_THRESHOLD", 10)))


def rounding() -> int:
    return max(1, int(getattr(settings, "KRING_SUPPRESSION_ROUNDING", 5)))


def sharing_collectives(municipality) -> dict[int, set[str]]:
    """Collective id -> groups it shares with this gemeente, right now."""
    return {
        c.collective_id: set(c.groups)
        for c in SharingChoice.objects.filter(municipality=municipality).only(
            "collective_id", "groups"
        )
        if c.groups
    }


def municipality_figures(*, user, year: int) -> Figures:
    """Every figure a municipality user may see for one year of its own gemeente."""
    municipality = getattr(user, "municipality", None) if user is not None else None
    if municipality is None or not getattr(user, "is_active", False):
        raise PermissionDenied
    return _figures(municipality, year)


def _figures(municipality, year: int) -> Figures:
    """The figures, remembered for a short while (``CACHE_SECONDS``). The key holds what is
    shared right now, a fingerprint of the shared data (newest record and newest change of
    every kind) and which collectives' counts are kept (``forget`` removes them at a change),
    so a withdrawal, a new record or a removal counts at once; an edit that changes none of
    these shows within ``CACHE_SECONDS``."""
    state = state_of(municipality, year)
    key = "impact:figures:" + store.digest([translation.get_language(), state.made_from])
    figures = cache.get(key)
    if figures is None:
        figures = figures_of(state)
        # Now every collective's counts are kept under its key.
        cache.set(
            "impact:figures:"
            + store.digest([translation.get_language(), state.made_from_when_counted()]),
            figures,
            CACHE_SECONDS,
        )
    return figures


@dataclass
class State:
    """What the figures of one gemeente and year are made of right now (a few index reads,
    no counting): ``made_from`` changes with any of it."""

    municipality: object
    year: int
    shares: dict
    districts: list
    buurten: list
    keys: dict
    kept: dict
    present: list

    def digest(self, present: list) -> str:
        return store.digest(
            [
                self.municipality.pk,
                self.municipality.name,
                self.year,
                threshold(),
                rounding(),
                sorted((cid, sorted(g)) for cid, g in self.shares.items()),
                self.districts,
                self.buurten,
                # The counts keys follow from the fingerprints; which of them are kept shows a
                # removal or an edit that ``forget`` saw.
                sorted(self.keys.items()),
                present,
            ]
        )

    @property
    def made_from(self) -> str:
        return self.digest(self.present)

    def made_from_when_counted(self) -> str:
        """The digest once every collective's counts are kept (after ``figures_of``)."""
        return self.digest(sorted(self.keys))


def state_of(municipality, year: int) -> State:
    """What the figures are made of now; ``prepared`` compares it with what the kept figures
    were made of."""
    shares = sharing_collectives(municipality)
    districts = list(
        District.objects.filter(municipality=municipality)
        .order_by("name")
        .values("id", "name", "code")
    )
    buurten = list(
        Neighbourhood.objects.filter(district__municipality=municipality)
        .order_by("name")
        .values("id", "name", "code", "district_id")
    )
    prints = store.fingerprints(sorted(shares))
    keys = {
        cid: store.counts_key(cid, year, sorted(groups), prints[cid])
        for cid, groups in shares.items()
    }
    kept = store.kept_keys(sorted(shares), year)
    present = sorted(cid for cid, key in keys.items() if key in kept.get(cid, ()))
    return State(municipality, year, shares, districts, buurten, keys, kept, present)


def figures_of(state: State) -> Figures:
    """The figures of ``state`` (counting what is not kept, suppressing what is new)."""
    return _compute(
        state.municipality,
        state.year,
        state.shares,
        state.keys,
        state.kept,
        (state.districts, state.buurten),
    )


def _counts(by_group: dict[str, list[int]], keys: dict, kept: dict, year: int) -> dict:
    """Raw counts per indicator, made per collective and kept in ``FigureStore`` under the
    collective's fingerprint: after a change only that collective is counted again."""
    loaded = store.load_counts({cid: key for cid, key in keys.items() if key in kept.get(cid, ())})
    missing = [cid for cid in keys if cid not in loaded]
    if missing:
        loaded.update(_count_collectives(by_group, keys, missing, year))
    raw: dict[str, dict] = {}
    for cells_of in loaded.values():
        for indicator, cells in cells_of.items():
            raw.setdefault(indicator, {}).update(cells)
    return raw


def _count_collectives(by_group: dict, keys: dict, cids: list[int], year: int) -> dict:
    """Count these collectives afresh and keep what was counted."""
    wanted = set(cids)
    fresh = base_cells(
        collective_ids={g: [c for c in ids if c in wanted] for g, ids in by_group.items()},
        year=year,
    )
    made: dict[int, dict] = {cid: {} for cid in cids}
    for indicator, cells in fresh.items():
        for (c, b, m), v in cells.items():
            made[c].setdefault(indicator, {})[(c, b, m)] = v
    store.save_counts({cid: keys[cid] for cid in cids}, made, year)
    return made


def _compute(
    municipality, year: int, shares: dict, keys: dict, kept: dict, areas_rows: tuple
) -> Figures:
    limit, step = threshold(), rounding()
    by_group = _by_group(shares)
    collectives = _sharing_collectives(shares)
    districts, buurten = areas_rows
    areas = _areas(municipality, districts, buurten, collectives)
    own_collectives = set(
        Collective.objects.filter(pk__in=list(shares), municipality=municipality).values_list(
            "pk", flat=True
        )
    )
    district_of = {b["id"]: b["district_id"] for b in buurten}
    indicators = all_indicators()
    raw = _counts(by_group, keys, kept, year)
    figures = Figures(
        municipality=municipality,
        year=year,
        indicators=indicators,
        areas=areas,
        collectives=collectives,
        threshold=limit,
        rounding=step,
    )
    located = {
        i.key: lattice.located(raw.get(i.key, {}), district_of, own_collectives) for i in indicators
    }
    statuses = lattice.statuses(indicators, located, areas, district_of, limit)
    place_of, within = lattice.within_areas(areas, located, district_of)
    _fill(figures, indicators, statuses, located, place_of, within, step)
    return figures


def _by_group(shares: dict) -> dict[str, list[int]]:
    """Share group -> the collectives sharing it: counting goes by group, sharing by collective."""
    by_group: dict[str, list[int]] = {}
    for cid, groups in shares.items():
        for g in groups:
            by_group.setdefault(g, []).append(cid)
    return by_group


def _sharing_collectives(shares: dict) -> list[dict]:
    """The sharing collectives by name, each with the groups it shares, for the figures' legend."""
    collectives = list(
        Collective.objects.filter(pk__in=list(shares)).order_by("name").values("id", "name")
    )
    for c in collectives:
        c["groups"] = sorted(shares[c["id"]])
    return collectives


def _areas(municipality, districts: list, buurten: list, collectives: list[dict]) -> list[Area]:
    """The rows of every table: the gemeente, its wijken, the unknown buurt, its buurten and
    the sharing collectives, each pointing at the area it adds up into."""
    areas = [Area("G", municipality.name, "gemeente", municipality.code)]
    areas += [Area(f"W:{d['id']}", d["name"], "wijk", d["code"], "G") for d in districts]
    areas.append(Area(UNKNOWN, str(_("buurt onbekend")), "wijk", "", "G"))
    areas += [
        Area(f"B:{b['id']}", b["name"], "buurt", b["code"], f"W:{b['district_id']}")
        for b in buurten
    ]
    areas += [Area(f"C:{c['id']}", c["name"], "collectief", "", "G") for c in collectives]
    return areas


def _fill(
    figures: Figures,
    indicators: list[Indicator],
    statuses: dict,
    located: dict,
    place_of: dict,
    within: np.ndarray,
    step: int,
) -> None:
    """Put the rounded sums in the figures, with nothing where the cell is not shown."""
    shown = suppression.SHOWN
    # Statuses read from JSON are separate strings; the module's own three let the cached
    # copy store each once.
    same = {s: s for s in (suppression.SHOWN, suppression.SMALL, suppression.HIDDEN)}
    for indicator in indicators:
        status = [same[s] for s in statuses[indicator.key]]
        values = lattice.rounded(lattice.sums(located[indicator.key], place_of, within), step)
        figures._cells[indicator.key] = (
            [v if s == shown else None for v, s in zip(values, status, strict=True)],
            status,
        )


def comparable_groups() -> list[tuple[str, str]]:
    return list(ShareGroup.choices)

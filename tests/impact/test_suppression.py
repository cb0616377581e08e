"""An attacker holds every figure the gemeente is shown and knows how the table adds up (and
even which base cells are empty). These tests try to win back a hidden count: from totals
minus the shown parts, from the year minus the months, from the gemeente minus the
collectives, and from any combination of those (exact linear algebra). They must fail."""

import itertools

import numpy as np
import pytest

from kring.impact import suppression
from kring.impact.aggregates import YEAR as WHOLE_YEAR
from kring.impact.aggregates import municipality_figures

from .world import YEAR, make_world


@pytest.fixture
def exact(settings):
    # Without rounding the attacker's equations are exact: the hardest case for us.
    settings.KRING_SUPPRESSION_ROUNDING = 1
    settings.KRING_SUPPRESSION_THRESHOLD = 10


def _truth(world):
    """True counts per published cell, from what the test itself made."""
    wijk_of = {b.pk: b.district_id for b in world["buurten"]}
    truth = {}
    for c, b, m, n in world["cells"]:
        for area in ("G", f"C:{c}", f"W:{wijk_of[b]}", f"B:{b}"):
            for t in (m, WHOLE_YEAR):
                truth[(area, t)] = truth.get((area, t), 0) + n
    return truth


def _base(world):
    return sorted({(c, b, m) for c, b, m, _n in world["cells"]})


def _members(area, t, base, wijk_of):
    out = []
    for j, (c, b, m) in enumerate(base):
        if t != WHOLE_YEAR and m != t:
            continue
        if area == "G" or area == f"C:{c}" or area == f"B:{b}" or area == f"W:{wijk_of[b]}":
            out.append(j)
    return out


def _published(figures, world):
    areas = ["G"] + [a.key for a in figures.areas if a.level in ("wijk", "buurt", "collectief")]
    cells = {}
    for area in areas:
        for t in [*list(range(1, 13)), WHOLE_YEAR]:
            cells[(area, t)] = figures.get("residents", area, t)
    return cells


@pytest.mark.django_db
def test_small_counts_are_hidden_and_shown_counts_are_true(municipality, official, exact):
    world = make_world(municipality)
    figures = municipality_figures(user=official, year=YEAR)
    truth = _truth(world)
    small = 0
    for (area, t), figure in _published(figures, world).items():
        value = truth.get((area, t), 0)
        if 0 < value < 10:
            small += 1
            assert figure.status == suppression.SMALL and figure.display == "<10"
            assert figure.value is None
        elif figure.shown:
            assert figure.value == value
    assert small > 0, "the world should hold small counts"


@pytest.mark.django_db
def test_no_hidden_count_follows_from_totals_or_overlapping_questions(
    municipality, official, exact
):
    world = make_world(municipality)
    figures = municipality_figures(user=official, year=YEAR)
    truth = _truth(world)
    published = _published(figures, world)
    hidden = [k for k, f in published.items() if not f.shown and truth.get(k, 0)]
    assert hidden

    # 1. Differencing: every total minus its shown parts, in every direction.
    wijken = [f"W:{w.pk}" for w in world["wijken"]]
    families = []
    for t in [*list(range(1, 13)), WHOLE_YEAR]:
        families.append((("G", t), [(w, t) for w in wijken] + [("W:0", t)]))
        families.append((("G", t), [(f"C:{c.pk}", t) for c in world["collectives"]]))
        for w in world["wijken"]:
            families.append(
                ((f"W:{w.pk}", t), [(f"B:{b.pk}", t) for b in world["buurten"] if b.district == w])
            )
    for area in {k[0] for k in published}:
        families.append(((area, WHOLE_YEAR), [(area, m) for m in range(1, 13)]))
    for total, parts in families:
        unknown = [p for p in [total, *parts] if p in published and not published[p].shown]
        assert len(unknown) != 1 or not truth.get(unknown[0], 0), (
            f"{unknown[0]} follows from {total} and its parts"
        )

    # 2. Overlapping questions, two at a time: any two shown cells whose difference is
    #    exactly one hidden cell.
    wijk_of = {b.pk: b.district_id for b in world["buurten"]}
    base = _base(world)
    sets = {k: frozenset(_members(*k, base, wijk_of)) for k in published}
    shown = [k for k in published if published[k].shown and sets[k]]
    hidden_sets = {sets[k]: k for k in hidden}
    for a, b in itertools.permutations(shown, 2):
        if sets[b] < sets[a]:
            assert (sets[a] - sets[b]) not in hidden_sets, f"{a} minus {b} reveals a count"

    # 3. Any combination: is a hidden cell's row in the row space of the shown cells?
    matrix = np.zeros((len(shown), len(base)))
    for r, k in enumerate(shown):
        matrix[r, list(sets[k])] = 1
    rank = np.linalg.matrix_rank(matrix)
    for k in hidden:
        row = np.zeros(len(base))
        row[list(sets[k])] = 1
        assert np.linalg.matrix_rank(np.vstack([matrix, row])) > rank, f"{k} can be solved"


@pytest.mark.django_db
def test_shown_counts_are_rounded_to_five(municipality, official, settings):
    settings.KRING_SUPPRESSION_ROUNDING = 5
    make_world(municipality)
    figures = municipality_figures(user=official, year=YEAR)
    shown = [f.value for f in _published(figures, None).values() if f.shown]
    assert shown and all(v % 5 == 0 for v in shown)


@pytest.mark.django_db
def test_the_threshold_is_a_setting(municipality, official, settings):
    settings.KRING_SUPPRESSION_THRESHOLD = 40
    settings.KRING_SUPPRESSION_ROUNDING = 1
    world = make_world(municipality)
    figures = municipality_figures(user=official, year=YEAR)
    truth = _truth(world)
    for key, figure in _published(figures, world).items():
        if 0 < truth.get(key, 0) < 40:
            assert figure.display == "<40"


def test_a_lonely_hidden_cell_gets_a_partner():
    # total 30 = 25 + 5: hiding 5 alone would leave it as 30 - 25.
    table = suppression.Table(
        values=[30, 25, 5], support=[[0, 1], [0], [1]], relations=[(0, [1, 2])], n_base=2
    )
    status = suppression.protect(table, threshold=10)
    assert status[2] == suppression.SMALL
    assert status[1] == suppression.HIDDEN or status[0] == suppression.HIDDEN
    assert suppression.exposed(table, {i for i, s in enumerate(status) if s != "shown"}) == []


def _exposed_one_by_one(table, hidden):
    """The check as first written: the published rows one by one, each hidden cell on its own
    (a reference for the faster ``suppression.exposed``)."""
    used = sorted({b for i in hidden for b in table.support[i]})
    if not used:
        return []
    column = {b: j for j, b in enumerate(used)}
    rows = [
        [column[b] for b in s if b in column]
        for i, s in enumerate(table.support)
        if i not in hidden and s and any(b in column for b in s)
    ]
    pub = np.zeros((len(rows), len(used)))
    for r, inside in enumerate(rows):
        pub[r, inside] = 1.0
    basis = suppression._rowspace(pub)
    out = []
    for i in sorted(hidden):
        if not table.support[i]:
            continue
        vector = np.zeros(len(used))
        vector[[column[b] for b in table.support[i]]] = 1.0
        residual = vector - (vector @ basis.T) @ basis if basis.size else vector
        if np.linalg.norm(residual) < 1e-7:
            out.append(i)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_the_exposure_check_finds_what_the_cell_by_cell_check_finds(seed):
    """Random lattices (areas × months, year totals), random hidden sets: the same cells."""
    rng = np.random.default_rng(seed)
    n_areas, months = int(rng.integers(3, 7)), 12
    base = [(a, m) for a in range(n_areas) for m in range(months) if rng.random() < 0.7]
    support = []
    for a in [*range(n_areas), "all"]:
        for m in [*range(months), "year"]:
            support.append(
                [
                    j
                    for j, (ba, bm) in enumerate(base)
                    if (a == "all" or ba == a) and (m == "year" or bm == m)
                ]
            )
    table = suppression.Table([1.0] * len(support), support, [], len(base))
    for _ in range(5):
        hidden = {int(i) for i in rng.choice(len(support), int(rng.integers(1, 30)))}
        assert suppression.exposed(table, hidden) == _exposed_one_by_one(table, hidden)


def _lattice(monthly: dict[str, list[tuple[int, int]]]):
    """A gemeente of wijken, each with two buurten and one collective that works in exactly
    that wijk (so the collective's figures are the wijk's), over three months and the year.
    ``monthly`` gives per wijk the two buurten's counts for each month."""
    base, values_of = [], []
    for w, months in monthly.items():
        for m, pair in enumerate(months):
            for b, n in enumerate(pair):
                if n:
                    base.append((w, b, m))
                    values_of.append(n)
    areas = [("G", None)]
    for w in monthly:
        areas += [(f"W:{w}", "G"), (f"C:{w}", "G")] + [(f"B:{w}{b}", f"W:{w}") for b in (0, 1)]
    times = [0, 1, 2, "Y"]

    def member(area, j):
        w, b, _m = base[j]
        kind, _, key = area.partition(":")
        return kind == "G" or (kind in "WC" and key == w) or (kind == "B" and key == f"{w}{b}")

    index, support, values = {}, [], []
    for area, _parent in areas:
        for t in times:
            s = [j for j in range(len(base)) if member(area, j) and t in ("Y", base[j][2])]
            index[area, t] = len(support)
            support.append(s)
            values.append(float(sum(values_of[j] for j in s)))
    relations = []
    for t in times:
        relations.append((index["G", t], [index[f"W:{w}", t] for w in monthly]))
        relations.append((index["G", t], [index[f"C:{w}", t] for w in monthly]))
        for w in monthly:
            relations.append((index[f"W:{w}", t], [index[f"B:{w}{b}", t] for b in (0, 1)]))
    for area, _parent in areas:
        relations.append((index[area, "Y"], [index[area, t] for t in times[:3]]))
    return suppression.Table(values, support, relations, len(base)), index


def test_the_gemeente_total_stays_shown_when_a_collective_is_its_wijk():
    """Wijken under the threshold in most months. A collective that works in one wijk is the
    same number, so it is hidden with its wijk; the rest is protected inside the wijken, and
    the gemeente's own figures, all above the threshold, stay shown."""
    table, index = _lattice(
        {
            "a": [(4, 2), (3, 0), (4, 1)],
            "b": [(1, 4), (4, 2), (6, 9)],
            "c": [(4, 2), (0, 8), (0, 9)],
        }
    )
    status = suppression.protect(table, threshold=10)
    hidden = {i for i, s in enumerate(status) if s != suppression.SHOWN}
    assert suppression.exposed(table, hidden) == []
    for t in (0, 1, 2, "Y"):
        assert status[index["G", t]] == suppression.SHOWN, t
    for t in (0, 1, 2):
        assert status[index["C:a", t]] != suppression.SHOWN


def test_a_cell_hidden_only_because_it_follows_another_does_not_read_as_small():
    # The hours (second table) follow the activities: where the activities are hidden, so are
    # the hours, but 40 hours are not "<10".
    activities = suppression.Table(
        values=[30, 25, 5], support=[[0, 1], [0], [1]], relations=[(0, [1, 2])], n_base=2
    )
    follow = {
        i for i, s in enumerate(suppression.protect(activities, threshold=10)) if s != "shown"
    }
    hours = suppression.Table(
        values=[140, 100, 40], support=[[0, 1], [0], [1]], relations=[(0, [1, 2])], n_base=2
    )
    status = suppression.protect(hours, threshold=10, primary=follow)
    assert status[2] == suppression.HIDDEN
    assert suppression.SMALL not in status

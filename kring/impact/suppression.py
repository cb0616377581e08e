"""Small-count suppression over one published table, as statistical offices do it.

The table is a lattice: every published cell is the sum of some hidden *base cells*
(collective × buurt × month, never published). A count from 1 up to the threshold is hidden
(primary suppression). Then more cells are hidden (complementary suppression) until no hidden
cell can be worked out exactly from the published ones: a hidden cell is exposed when its sum is
a linear combination of published sums, which covers differences of totals, of overlapping areas
and of overlapping periods alike. The check is exact linear algebra (the row space of the
published cells), not a rule of thumb, and it assumes the attacker knows which base cells are
empty (base cells that are zero are left out, which only makes the check stricter).

No database here: the aggregation module builds the table and reads the outcome."""

from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

SHOWN = "shown"
SMALL = "small"  # below the threshold: shown as "<10"
HIDDEN = "hidden"  # hidden to protect a small count elsewhere


@dataclass
class Table:
    """``support[i]`` lists the base cells that published cell ``i`` adds up;
    ``relations`` are (total, parts) pairs: the total equals the sum of the parts."""

    values: list[float]
    support: list[list[int]]
    relations: list[tuple[int, list[int]]]
    n_base: int
    status: list[str] = field(default_factory=list)


def _rowspace(matrix: np.ndarray) -> np.ndarray:
    if matrix.shape[0] == 0:
        return np.zeros((0, matrix.shape[1]))
    # Orthonormal basis of the row space, through the smaller Gram matrix.
    _u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    tol = max(matrix.shape) * np.finfo(float).eps * (s[0] if s.size else 0.0) * 10
    return vt[s > max(tol, 1e-9)]


def exposed(table: Table, hidden: set[int]) -> list[int]:
    """Hidden cells whose exact value may follow from the published cells.

    A hidden cell is safe when some change of the base cells leaves every published cell as it
    is but changes the hidden one. We look for such a change only among the base cells of
    hidden cells (a change elsewhere would have to cancel out inside published cells only):
    finding one proves the cell safe; not finding one counts as exposed, which can only hide
    more than needed, never less. It also keeps the system small."""
    if not hidden:
        return []
    used = sorted({b for i in hidden for b in table.support[i]})
    if not used:
        return []
    column = {b: j for j, b in enumerate(used)}
    cols = []  # per published cell that touches them: its columns among the used base cells
    for i, support in enumerate(table.support):
        if i in hidden or not support:
            continue
        inside = [column[b] for b in support if b in column]
        if inside:
            cols.append(inside)
    pub = np.zeros((len(cols), len(used)))
    if cols:
        pub[
            np.repeat(np.arange(len(cols)), [len(c) for c in cols]),
            np.concatenate([np.asarray(c) for c in cols]),
        ] = 1.0
    basis = _rowspace(pub)
    cells = [i for i in sorted(hidden) if table.support[i]]
    vectors = np.zeros((len(cells), len(used)))
    for r, i in enumerate(cells):
        vectors[r, [column[b] for b in table.support[i]]] = 1.0
    # All hidden cells at once: the part of each outside the published row space.
    residual = vectors - (vectors @ basis.T) @ basis if basis.size else vectors
    norms = np.linalg.norm(residual, axis=1)
    return [i for i, norm in zip(cells, norms, strict=True) if norm < 1e-7]


def _twins(table: Table, cell: int) -> list[int]:
    """Cells that add up exactly the same base cells as ``cell`` (itself included): the same
    number under another name, such as a collective that works in one wijk and that wijk."""
    if not hasattr(table, "_by_support"):
        by_support: dict[tuple, list[int]] = {}
        for i, support in enumerate(table.support):
            if support:
                by_support.setdefault(tuple(support), []).append(i)
        table._by_support = by_support
    return table._by_support.get(tuple(table.support[cell]), [cell])


def _complement(table: Table, cell: int, hidden: set[int]) -> int | None:
    """The published cell whose hiding costs least and breaks the equation that exposes
    ``cell``: first a published twin (the same number: nothing else helps), then the smallest
    published sibling, else the smallest published part, else the total. Siblings, parts and
    totals of the cell's twins count as its own, so a collective's cell is protected inside
    its wijk (by a buurt or another wijk) before the gemeente's total is given up."""

    def candidates(cells):
        return [c for c in cells if c not in hidden and c not in twins and table.support[c]]

    twins = set(_twins(table, cell))
    published_twins = sorted(twins - hidden - {cell})
    if published_twins:
        return published_twins[0]
    options = []
    for _total, parts in table.relations:
        if twins.intersection(parts):
            options.extend(candidates(parts))
    if not options:
        for total, parts in table.relations:
            if total in twins:
                options.extend(candidates(parts))
    if not options:
        for total, parts in table.relations:
            if twins.intersection(parts):
                options.extend(candidates([total]))
    if not options:
        mine = set(table.support[cell])
        options = [
            c
            for c in range(len(table.values))
            if c not in hidden and table.support[c] and mine & set(table.support[c])
        ]
    if not options:
        return None
    return min(options, key=lambda c: (table.values[c], c))


def protect(table: Table, *, threshold: int, primary: set[int] | None = None) -> list[str]:
    """Mark every cell shown, small or hidden, and return the marks."""
    # The matrices have a few hundred rows: BLAS threads cost more than they give (four times
    # slower on a busy machine), so the linear algebra runs on one thread.
    with threadpool_limits(limits=1, user_api="blas"):
        return _protect(table, threshold=threshold, primary=primary)


def _protect(table: Table, *, threshold: int, primary: set[int] | None) -> list[str]:
    if primary is None:
        primary = {i for i, v in enumerate(table.values) if 0 < v < threshold}
    hidden = set(primary)
    for _round in range(len(table.values) + 1):
        open_cells = exposed(table, hidden)
        if not open_cells:
            break
        added = False
        for cell in open_cells:
            extra = _complement(table, cell, hidden)
            if extra is not None:
                hidden.add(extra)
                added = True
        if not added:
            break
    # "<10" only for a count that is small itself: a cell hidden because it follows another
    # figure (the hours of hidden activities) may be large, and must not read as small.
    table.status = [
        SMALL
        if i in primary and 0 < table.values[i] < threshold
        else HIDDEN
        if i in hidden
        else SHOWN
        for i in range(len(table.values))
    ]
    return table.status


def rounded(value: float, step: int) -> int:
    """Round half up to a multiple of ``step`` (1 keeps the count)."""
    if step <= 1:
        return round(value)
    return int((value + step / 2) // step * step)

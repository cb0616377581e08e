"""The check of the map's cluster cells for ``kring.core.derived`` (after a restore): every
collective's cells compared with what its assets make, and counted again where they differ."""

import math

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.communities.models import Collective
from kring.core.derived import Outcome

from .cells import expected_cells, rebuild_cells
from .models import ClusterCell

KEY = ("collective_id", "zoom", "cell_x", "cell_y", "category", "members")


def _figures_match(kept: tuple, made: tuple) -> bool:
    n, sum_lat, sum_lon, sum_id = kept
    m, made_lat, made_lon, made_id = made
    # The sums of coordinates were added up one asset at a time in another order than a count
    # from scratch adds them: equal up to the last bits.
    return (
        n == m
        and sum_id == made_id
        and math.isclose(sum_lat, made_lat, rel_tol=1e-9, abs_tol=1e-9)
        and math.isclose(sum_lon, made_lon, rel_tol=1e-9, abs_tol=1e-9)
    )


def check_cells(*, repair: bool) -> Outcome:

    kept: dict[int, dict[tuple, tuple]] = {}
    for row in ClusterCell.objects.order_by().values_list(
        *KEY, "n", "sum_lat", "sum_lon", "sum_id"
    ):
        kept.setdefault(row[0], {})[row[:6]] = row[6:]
    checked = wrong = 0
    redo = []
    for collective_id in Collective.objects.order_by("pk").values_list("pk", flat=True):
        mine = kept.get(collective_id, {})
        made = {
            tuple(getattr(c, f) for f in KEY): (c.n, c.sum_lat, c.sum_lon, c.sum_id)
            for c in expected_cells(collective_id)
        }
        checked += len(mine)
        bad = sum(1 for key in mine.keys() - made.keys())
        bad += sum(1 for key in made.keys() - mine.keys())
        bad += sum(
            1 for key in mine.keys() & made.keys() if not _figures_match(mine[key], made[key])
        )
        if bad:
            wrong += bad
            redo.append(collective_id)
    action = ""
    if redo:
        if repair:
            for collective_id in redo:
                rebuild_cells(collective_id)
            action = ngettext(
                "Opnieuw geteld voor %(n)s collectief.",
                "Opnieuw geteld voor %(n)s collectieven.",
                len(redo),
            ) % {"n": len(redo)}
        else:
            action = _("Nog niet hersteld.")
    return Outcome(table=_("Kaart (clustervakken)"), checked=checked, wrong=wrong, action=action)

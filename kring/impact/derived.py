"""The check of the kept work of the municipality figures (``FigureStore``) for
``kring.core.derived`` (after a restore).

- Counts still in use (their key is the one the collective's data and sharing make now) are
  counted again and compared; a wrong one is removed, so the next question counts anew.
  Counts under an older key are never read again and are left for ``store.save_counts`` to
  clear, as always.
- Suppression patterns are keyed by a hash of the whole table they were made for (and of the
  version of the suppression rules), so they cannot go out of date: a change of the data makes
  a new key. They are not counted again here."""

import json

from django.utils.translation import gettext as _

from kring.core.derived import Outcome

from . import store
from .indicators import base_cells
from .models import FigureStore, SharingChoice


def _normal(data: dict) -> dict:
    """Counts as kept ({indicator: [[buurt, month, value], ...]}) in a comparable form."""
    data = json.loads(json.dumps(data, default=str))
    return {
        indicator: sorted(cells, key=lambda cell: json.dumps(cell))
        for indicator, cells in data.items()
        if cells
    }


def _recounted(collective_id: int, groups: list[str], year: int) -> dict:
    fresh = base_cells(collective_ids={g: [collective_id] for g in groups}, year=year)
    return _normal(
        {
            indicator: [[b, m, v] for (c, b, m), v in cells.items() if c == collective_id]
            for indicator, cells in fresh.items()
        }
    )


def check_figures(*, repair: bool) -> Outcome:
    counts = list(
        FigureStore.objects.filter(kind=FigureStore.Kind.COUNTS)
        .exclude(collective=None)
        .order_by("pk")
    )
    cids = sorted({row.collective_id for row in counts})
    prints = store.fingerprints(cids)
    shared: dict[int, list[list[str]]] = {}
    for choice in SharingChoice.objects.filter(collective_id__in=cids).order_by("pk"):
        if choice.groups:
            shared.setdefault(choice.collective_id, []).append(sorted(choice.groups))
    checked, wrong = 0, []
    for row in counts:
        groups = next(
            (
                g
                for g in shared.get(row.collective_id, [])
                if store.counts_key(row.collective_id, row.year, g, prints[row.collective_id])
                == row.key
            ),
            None,
        )
        if groups is None:
            continue  # made for data or sharing as it was before: never read again
        checked += 1
        if _normal(row.data) != _recounted(row.collective_id, groups, row.year):
            wrong.append(row.pk)
    action = ""
    if wrong:
        if repair:
            FigureStore.objects.filter(pk__in=wrong).delete()
            action = _("Weggegooid; de volgende vraag telt opnieuw.")
        else:
            action = _("Nog niet hersteld.")
    return Outcome(
        table=_("Cijfers voor de gemeente (bewaarde tellingen)"),
        checked=checked,
        wrong=len(wrong),
        action=action,
    )

"""The check of the search index for ``kring.core.derived`` (after a restore): every
collective's documents compared with what its assets make, and made again where they differ;
on SQLite the full-text index (FTS5) is checked against the documents too."""

from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.assets.models import Asset
from kring.communities.models import Collective
from kring.core.derived import Outcome

from .models import SearchDocument
from .services import BATCH, COLUMNS, FIELDS, _documents, rebuild_search_index


def _made(collective_id: int) -> dict[int, tuple]:
    """Asset id -> the document row (in the order of COLUMNS) the collective's assets make."""
    made: dict[int, tuple] = {}
    last = 0
    assets = Asset.objects.filter(collective_id=collective_id).order_by("pk")
    while rows := list(assets.filter(pk__gt=last).values_list(*FIELDS)[:BATCH]):
        last = rows[-1][0]
        for document in _documents(rows):
            made[document[0]] = document
    return made


def _full_text_index_ok() -> bool:
    """SQLite: whether FTS5's index holds exactly the documents' keys."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO matching_fts(matching_fts, rank) VALUES ('integrity-check', 1)"
            )
    except DatabaseError:
        return False
    return True


def check_search_index(*, repair: bool) -> Outcome:

    kept: dict[int, dict[int, tuple]] = {}
    for row in SearchDocument.objects.order_by().values_list(*COLUMNS):
        kept.setdefault(row[1], {})[row[0]] = tuple(row)
    checked = sum(len(rows) for rows in kept.values())
    wrong = 0
    redo = []
    for collective in Collective.objects.order_by("pk"):
        mine = kept.pop(collective.pk, {})
        made = _made(collective.pk)
        bad = len(mine.keys() ^ made.keys())
        bad += sum(1 for pk in mine.keys() & made.keys() if mine[pk] != made[pk])
        if bad:
            wrong += bad
            redo.append(collective)
    # Documents of collectives that are not there.
    stray = [pk for rows in kept.values() for pk in rows]
    wrong += len(stray)
    full_text_ok = connection.vendor != "sqlite" or _full_text_index_ok()
    if full_text_ok and not wrong:
        return Outcome(table=_("Zoekindex"), checked=checked, wrong=0)
    found = "" if full_text_ok else _("De index voor het zoeken in tekst klopte niet.") + " "
    if not repair:
        return Outcome(
            table=_("Zoekindex"),
            checked=checked,
            wrong=wrong,
            action=found + _("Nog niet hersteld."),
        )
    if not full_text_ok:
        # A rebuild of everything also makes the full-text index again from all documents.
        rebuild_search_index()
        action = found + _("De hele zoekindex is opnieuw opgebouwd.")
    else:
        for collective in redo:
            rebuild_search_index(collective=collective)
        if stray:
            documents = SearchDocument.objects.filter(asset_id__in=stray)
            documents._raw_delete(documents.db)
        action = ngettext(
            "Opnieuw opgebouwd voor %(n)s collectief.",
            "Opnieuw opgebouwd voor %(n)s collectieven.",
            len(redo),
        ) % {"n": len(redo)}
        if stray:
            action += " " + ngettext(
                "%(n)s document zonder collectief verwijderd.",
                "%(n)s documenten zonder collectief verwijderd.",
                len(stray),
            ) % {"n": len(stray)}
    return Outcome(table=_("Zoekindex"), checked=checked, wrong=wrong, action=action)

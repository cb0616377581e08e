"""The municipality's dashboard answers from the last figures the background worker made.

Counting and suppressing a gemeente's figures takes seconds while collectives keep recording,
so the dashboard does not do it in the request:

- **Made in the background.** ``prepare`` (run by ``tasks.prepare_figures``) makes the figures
  through ``aggregates`` and keeps only what may be shown (suppressed, rounded) in
  ``PreparedFigures`` and the shared cache, with a digest of what they were made of.
- **A change makes them older, not wrong.** A collective's change alters that digest; the
  dashboard then shows the kept figures at once with the time they were made and says new ones
  are being made, and the worker makes them (``request_prepare``: one task for any number
  of changes while one waits).
- **A withdrawal counts at once.** Kept figures that count a group a collective no longer
  shares (it stopped sharing, or left) are deleted and never shown, here at every question and
  in ``services.set_sharing``; until new figures are made the page shows none. Figures made
  with another threshold or rounding are not shown either.
- **Without a background worker** (the immediate task backend of a small demo and the tests)
  the figures are made in the request, as before.

Nothing but ``aggregates`` makes these figures; this module keeps and serves its output."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from kring.geo.models import District, Municipality

from . import aggregates, suppression
from .aggregates import UNKNOWN, Area, Figures
from .forms import year_choices
from .indicators import all_indicators
from .models import PreparedFigures, SharingChoice

# Kept figures stay in the shared cache as long as they are the last ones (a new save replaces
# them, a withdrawal deletes them); a day only bounds what a forgotten year takes.
CACHE_SECONDS = 24 * 3600
FORMAT = 1  # raise when the kept layout below changes


@dataclass(frozen=True)
class Answer:
    """The figures the dashboard shows: None while they are being made. ``stale``: something
    changed since ``made_at``; new figures are being made."""

    figures: Figures | None
    made_at: datetime.datetime | None
    stale: bool = False


def _key(municipality_id: int, year: int) -> str:
    return f"impact:prepared:{municipality_id}:{year}"


def prepare(*, municipality, year: int) -> None:
    """Make the figures of this gemeente and year and keep them, unless the kept ones are made
    of exactly what there is now. Returns nothing: no figure leaves this way."""
    read_at = timezone.now().timestamp()  # before reading: a later change makes them older
    state = aggregates.state_of(municipality, year)
    kept = _load(municipality.pk, year)
    if kept is not None and kept["made_from"] == state.made_from and _usable(kept, state.shares):
        # Still right: only say so, so a change seen before this reading no longer counts.
        kept["data"]["read_at"] = read_at
        PreparedFigures.objects.filter(municipality=municipality, year=year).update(
            data=kept["data"]
        )
        cache.set(_key(municipality.pk, year), kept, CACHE_SECONDS)
        return
    figures = aggregates.figures_of(state)
    row = {
        "made_from": state.made_from_when_counted(),
        "shares": sorted([cid, sorted(groups)] for cid, groups in state.shares.items()),
        "data": {**_dump(figures), "read_at": read_at},
        "made_at": timezone.now(),
    }
    # A collective may have stopped sharing while these were made: keep nothing it withdrew.
    if not _usable(row, aggregates.sharing_collectives(municipality)):
        return
    PreparedFigures.objects.update_or_create(municipality=municipality, year=year, defaults=row)
    cache.set(_key(municipality.pk, year), {"format": FORMAT, **row}, CACHE_SECONDS)


def answer(*, user, year: int) -> Answer:
    """The dashboard's figures for one year of the user's own gemeente, without waiting."""
    municipality = getattr(user, "municipality", None) if user is not None else None
    if municipality is None or not getattr(user, "is_active", False):
        raise PermissionDenied
    kept = _load(municipality.pk, year)
    # Who shares what is read at every question: a withdrawal counts at once.
    if kept is not None and not _usable(kept, aggregates.sharing_collectives(municipality)):
        discard(municipality.pk)
        kept = None
    worker = default_task_backend.supports_defer
    # When no change was announced, compare what they were made of with what there is.
    fresh = (
        kept is not None
        and not (worker and _changed_since(municipality.pk, kept))
        and kept["made_from"] == aggregates.state_of(municipality, year).made_from
    )
    if fresh:
        return Answer(_figures(kept, municipality, year), kept["made_at"])
    if not worker:
        # No background worker: count in the request, as without kept figures.
        return Answer(aggregates.municipality_figures(user=user, year=year), timezone.now())
    since = timezone.now() - kept["made_at"] if kept is not None else PREPARE_DELAY
    # At most one new making per PREPARE_DELAY: a collective that keeps recording does not
    # keep the worker busy with one gemeente.
    request_prepare(municipality.pk, year, delay=max(datetime.timedelta(0), PREPARE_DELAY - since))
    if kept is None:
        return Answer(None, None)
    return Answer(_figures(kept, municipality, year), kept["made_at"], stale=True)


def _changed_since(municipality_id: int, kept: dict) -> bool:
    """A collective of the gemeente announced a change after the kept figures read their
    data (``prepare_after_change``): they are older, without the fingerprints' query.
    Without such a sign the fingerprints decide (they also see what sends no signal)."""
    changed = cache.get(changed_key(municipality_id))
    return changed is not None and changed > kept["data"].get("read_at", 0)


def discard(municipality_id: int) -> None:
    """Delete the gemeente's kept figures (a collective stopped sharing something)."""
    rows = PreparedFigures.objects.filter(municipality_id=municipality_id)
    keys = [_key(municipality_id, y) for y in rows.values_list("year", flat=True)]
    rows.delete()
    # The years asked most, also when their row was already gone.
    keys += [_key(municipality_id, y) for y in default_years()]
    cache.delete_many(keys)
    # And again once the withdrawal is saved, in case a question filled the cache meanwhile.
    transaction.on_commit(lambda: cache.delete_many(keys))


def prepared_years(municipality_id: int) -> list[int]:
    return list(
        PreparedFigures.objects.filter(municipality_id=municipality_id).values_list(
            "year", flat=True
        )
    )


def _usable(kept: dict, shares: dict) -> bool:
    """Every group the kept figures count is still shared by its collective, and they were
    made with today's threshold and rounding."""
    data = kept["data"]
    return (
        data.get("threshold") == aggregates.threshold()
        and data.get("rounding") == aggregates.rounding()
        and all(set(groups) <= shares.get(cid, set()) for cid, groups in kept["shares"])
    )


def _load(municipality_id: int, year: int) -> dict | None:
    kept = cache.get(_key(municipality_id, year))
    if kept is not None and kept.get("format") == FORMAT:
        return kept
    row = (
        PreparedFigures.objects.filter(municipality_id=municipality_id, year=year)
        .values("made_from", "shares", "data", "made_at")
        .first()
    )
    if row is None or row["data"].get("format") != FORMAT:
        return None
    cache.set(_key(municipality_id, year), {"format": FORMAT, **row}, CACHE_SECONDS)
    return {"format": FORMAT, **row}


def _dump(figures: Figures) -> dict:
    return {
        "format": FORMAT,
        "threshold": figures.threshold,
        "rounding": figures.rounding,
        "indicators": [i.key for i in figures.indicators],
        "areas": [[a.key, a.label, a.level, a.code, a.parent] for a in figures.areas],
        "collectives": figures.collectives,
        "cells": {key: [values, statuses] for key, (values, statuses) in figures._cells.items()},
    }


def _figures(kept: dict, municipality, year: int) -> Figures:
    """The kept figures with labels in the asker's language."""
    data = kept["data"]
    by_key = {i.key: i for i in all_indicators()}
    unknown = str(_("buurt onbekend"))
    # One string per status, as ``aggregates`` makes them.
    same = {s: s for s in (suppression.SHOWN, suppression.SMALL, suppression.HIDDEN)}
    figures = Figures(
        municipality=municipality,
        year=year,
        indicators=[by_key[k] for k in data["indicators"] if k in by_key],
        areas=[
            Area(key, unknown if key == UNKNOWN else label, level, code, parent)
            for key, label, level, code, parent in data["areas"]
        ],
        collectives=data["collectives"],
        threshold=data["threshold"],
        rounding=data["rounding"],
    )
    figures._cells = {
        key: (values, [same[s] for s in statuses])
        for key, (values, statuses) in data["cells"].items()
    }
    return figures


def _account_made(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A municipality account was made or moved to a gemeente: its first question should
    find the figures made."""
    if raw or not getattr(instance, "municipality_id", None):
        return
    if created or update_fields is None or "municipality" in update_fields:
        request_prepare(instance.municipality_id, delay=datetime.timedelta(0))


def _region_made(sender, instance, created=False, raw=False, **kwargs):
    """A wijk was added or changed: the gemeente's tables have other rows now."""
    if not raw:
        request_prepare(instance.municipality_id, delay=datetime.timedelta(0))


def connect() -> None:
    post_save.connect(_account_made, sender=settings.AUTH_USER_MODEL, dispatch_uid="impact-account")
    post_save.connect(_region_made, sender=District, dispatch_uid="impact-region")


# After a change of data, wait this long before making new figures: the changes of the next
# half minute (an evening of entering residents) are then made in one go.
PREPARE_DELAY = datetime.timedelta(seconds=30)
# A request for new figures waits at most this long for its task to start; then another may
# be asked for (a worker that died, a task that was lost).
PENDING_SECONDS = 600
# Which gemeenten a collective shares with, remembered this long for its changes.
SHARES_SECONDS = 60
# The time of a gemeente's last announced change is kept this long (then its fingerprints
# tell, as they do when the cache lost it).
CHANGED_SECONDS = 24 * 3600


def default_years() -> list[int]:
    """The years a gemeente asks first: this year and last year."""
    return year_choices()[:2]


@task()
def prepare_figures(municipality_id: int, years: list[int] | None = None) -> None:
    """Make and keep the gemeente's figures for ``years`` (this year, last year and every
    year kept before when not given): the dashboard then answers from them at once."""
    municipality = Municipality.objects.filter(pk=municipality_id).defer("boundary").first()
    if municipality is None:
        return
    asked = ["all"] if years is None else years
    years = years or sorted(
        set(default_years()) | set(prepared_years(municipality_id)), reverse=True
    )
    # From now on a change is not in what this task reads for sure: it may ask again.
    cache.delete_many([_pending(municipality_id, y) for y in asked])
    for year in years:
        prepare(municipality=municipality, year=year)


def _pending(municipality_id: int, year) -> str:
    return f"impact:prepare-pending:{municipality_id}:{year}"


def request_prepare(
    municipality_id: int, year: int | None = None, *, delay: datetime.timedelta = PREPARE_DELAY
) -> None:
    """Have the worker make the gemeente's figures anew (of one year; without a year, of the
    years ``prepare_figures`` makes), once for any number of requests while its task waits to
    start (the task forgets the request when it starts, so a change after that asks again).
    Only with a background worker: run in the request (the immediate backend) it would slow
    every save, and the dashboard then counts in the request."""
    if not default_task_backend.supports_defer:
        return
    if year in default_years():
        year = None  # those are made by every task of the gemeente

    def enqueue():
        if not cache.add(_pending(municipality_id, year or "all"), 1, PENDING_SECONDS):
            return
        task = prepare_figures.using(run_after=timezone.now() + delay) if delay else prepare_figures
        task.enqueue(municipality_id, *([] if year is None else [[year]]))

    # Once what asks is saved (at once outside a transaction): a request rolled back asks
    # nothing, and holds back no later one.
    transaction.on_commit(enqueue)


def prepare_after_sharing(municipality_id: int, collective_id: int | None = None) -> None:
    """What a collective shares with this gemeente changed (a start, a change or a
    withdrawal): every table of the gemeente changes, so prepare them once it is saved."""

    def enqueue():
        if collective_id:
            cache.delete(_shares_key(collective_id))
        prepare_figures.enqueue(municipality_id)

    transaction.on_commit(enqueue)


def _shares_key(collective_id: int) -> str:
    return f"impact:shares-of:{collective_id}"


def prepare_after_change(collective_id: int) -> None:
    """A counted record of this collective changed: once it is saved, have the worker make
    new figures for the gemeenten it shares with, ``PREPARE_DELAY`` from now, one task for
    all the changes until that task starts."""
    if not collective_id or not default_task_backend.supports_defer:
        return
    transaction.on_commit(lambda: _after_change(collective_id))


def _after_change(collective_id: int) -> None:
    municipalities = cache.get(_shares_key(collective_id))
    if municipalities is None:
        municipalities = [
            m
            for m, groups in SharingChoice.objects.filter(collective_id=collective_id).values_list(
                "municipality_id", "groups"
            )
            if groups
        ]
        cache.set(_shares_key(collective_id), municipalities, SHARES_SECONDS)
    now = timezone.now().timestamp()
    for municipality_id in municipalities:
        # The dashboard sees at once that its kept figures are older (``answer``).
        cache.set(changed_key(municipality_id), now, CHANGED_SECONDS)
        request_prepare(municipality_id)


def changed_key(municipality_id: int) -> str:
    return f"impact:changed:{municipality_id}"

"""Work kept between questions for ``aggregates`` (the ``FigureStore`` table).

- **Counts per collective.** A collective's raw counts for one year are kept under a key made of
  its fingerprint: per kind of record the number of rows, the newest row and the newest change
  (where the model records one). A new, removed or edited record changes the key; saving or
  deleting any counted record through the ORM also removes the collective's rows at once
  (``forget``), which covers edits of records that keep no change time. What neither catches (a
  bulk ``QuerySet.update`` of a record without a change time) is counted anew after
  ``COUNTS_MAX_AGE``. So a change makes one collective be counted again, not all of them.
- **Suppression patterns.** Kept under a hash of the table they were made for, so they are
  never stale; unused ones are removed after ``PATTERN_MAX_AGE``.

Raw counts stay inside Kring: only ``aggregates`` reads this table, and shows suppressed and
rounded figures only."""

import datetime
import hashlib
import json

from django.db.models import Count, Max
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import FigureStore

COUNTS_MAX_AGE = datetime.timedelta(hours=1)
PATTERN_MAX_AGE = datetime.timedelta(days=30)


def digest(value) -> str:
    return hashlib.sha256(
        json.dumps(value, separators=(",", ":"), default=str).encode()
    ).hexdigest()


def _counted():
    """(model, path to the collective, has a change time) for every record that is counted."""
    from kring.assets.models import Asset
    from kring.initiatives.models import Activity, Connection, Initiative, Need, Pledge
    from kring.network.models import NetworkAnalysis
    from kring.people.models import Resident

    return [
        (Resident, "collective_id", True),
        (Asset, "collective_id", True),
        (Connection, "collective_id", False),
        (Initiative, "collective_id", True),
        (Activity, "collective_id", False),
        (NetworkAnalysis, "collective_id", False),
        (Need, "initiative__collective_id", False),
        (Pledge, "initiative__collective_id", False),
    ]


def fingerprints(collective_ids: list[int]) -> dict[int, list]:
    """Per collective: for every counted kind (rows, newest id[, newest change]), plus the
    large tasks (opgaven), which every collective's counts depend on. One grouped query per
    kind."""
    from kring.initiatives.models import PublicTask

    prints: dict[int, list] = {cid: [] for cid in collective_ids}
    if not collective_ids:
        return prints
    for model, path, changes in _counted():
        found = {cid: [0, None, None] for cid in collective_ids}
        extra = {"changed": Max("updated_at")} if changes else {}
        for row in (
            model.objects.filter(**{f"{path}__in": collective_ids})
            .values(path)
            .order_by()
            .annotate(n=Count("pk"), top=Max("pk"), **extra)
        ):
            found[row[path]] = [row["n"], row["top"], row.get("changed")]
        for cid in collective_ids:
            prints[cid].append(found[cid])
    tasks = list(PublicTask.objects.aggregate(n=Count("pk"), top=Max("pk")).values())
    for cid in collective_ids:
        prints[cid].append(tasks)
    return prints


def counts_key(cid: int, year: int, groups: list[str], fingerprint: list) -> str:
    return digest(["counts", cid, year, sorted(groups), fingerprint])


def load_counts(keys: dict[int, str]) -> dict[int, dict]:
    """Collective id -> {indicator: {(collective, buurt, month): value}} for the keys found."""
    fresh = timezone.now() - COUNTS_MAX_AGE
    wanted = {key: cid for cid, key in keys.items()}
    found = {}
    for key, data in FigureStore.objects.filter(
        kind=FigureStore.Kind.COUNTS, key__in=list(wanted), made_at__gte=fresh
    ).values_list("key", "data"):
        cells: dict[str, dict] = {}
        for indicator, c, b, m, v in data:
            cells.setdefault(indicator, {})[(c, b, m)] = v
        found[wanted[key]] = cells
    return found


def save_counts(keys: dict[int, str], counts: dict[int, dict]) -> None:
    """Keep freshly made counts; a collective's older rows go."""
    if not keys:
        return
    FigureStore.objects.filter(kind=FigureStore.Kind.COUNTS, collective_id__in=list(keys)).delete()
    FigureStore.objects.bulk_create(
        [
            FigureStore(
                kind=FigureStore.Kind.COUNTS,
                key=key,
                collective_id=cid,
                data=[
                    [indicator, c, b, m, v]
                    for indicator, cells in sorted(counts.get(cid, {}).items())
                    for (c, b, m), v in cells.items()
                ],
            )
            for cid, key in keys.items()
        ],
        ignore_conflicts=True,
    )


def load_pattern(key: str):
    return (
        FigureStore.objects.filter(kind=FigureStore.Kind.PATTERN, key=key)
        .values_list("data", flat=True)
        .first()
    )


def save_pattern(key: str, status: list[str]) -> None:
    FigureStore.objects.filter(
        kind=FigureStore.Kind.PATTERN, made_at__lt=timezone.now() - PATTERN_MAX_AGE
    ).delete()
    FigureStore.objects.bulk_create(
        [FigureStore(kind=FigureStore.Kind.PATTERN, key=key, data=status)],
        ignore_conflicts=True,
    )


def forget(collective_id) -> None:
    """The collective's data changed: count it again at the next question."""
    if collective_id:
        FigureStore.objects.filter(
            kind=FigureStore.Kind.COUNTS, collective_id=collective_id
        ).delete()


def _changed(sender, instance, **kwargs):
    collective_id = getattr(instance, "collective_id", None)
    if collective_id is None and getattr(instance, "initiative_id", None):
        from kring.initiatives.models import Initiative

        FigureStore.objects.filter(
            kind=FigureStore.Kind.COUNTS,
            collective_id__in=Initiative.objects.filter(pk=instance.initiative_id).values(
                "collective_id"
            ),
        ).delete()
        return
    forget(collective_id)


def _tasks_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        forget(instance.collective_id)
        return
    # From a task's side: the initiatives added or removed (all of them when cleared).
    FigureStore.objects.filter(kind=FigureStore.Kind.COUNTS).filter(
        **({"collective__initiatives__in": pk_set} if pk_set else {})
    ).delete()


def connect() -> None:
    from kring.initiatives.models import Initiative

    for model, _path, _changes in _counted():
        post_save.connect(_changed, sender=model, dispatch_uid=f"impact-store-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"impact-store-del-{model.__name__}"
        )
    m2m_changed.connect(
        _tasks_changed, sender=Initiative.tasks.through, dispatch_uid="impact-store-tasks"
    )

"""The counts per category, kept per collective and audience (CategoryCount), for the assets'
index page.

Every service that adds, changes or removes assets, or gives or withdraws consent, calls
``forget(collective)``; the next visit counts again. Paths that bypass the services (bulk
loads) are covered by MAX_AGE: a count is never older than that. The overview counts with
``counted_now`` instead: its sections are kept under the collective's data version, which
every write changes, so they are exact.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from .models import Category, CategoryCount

MAX_AGE = timedelta(minutes=5)


def category_counts(access, visible_assets) -> list[dict]:
    """Counts per category in ABCD's fixed order, zeros included; from the cache when fresh."""
    audience = "buurtmakers" if access.is_builder else "leden"
    counts = (
        CategoryCount.objects.filter(
            collective=access.collective,
            audience=audience,
            counted_at__gte=timezone.now() - MAX_AGE,
        )
        .values_list("counts", flat=True)
        .first()
    )
    if counts is None:
        counts = _count(visible_assets)
        _store(access.collective, audience, counts)
    return _in_order(counts)


def counted_now(visible_assets) -> list[dict]:
    """The same, counted from the assets themselves: for a part kept under the collective's
    data version (``kring.core.pagecache``), which every write of an asset or a consent
    changes, so what is kept is exact and not up to MAX_AGE old."""
    return _in_order(_count(visible_assets))


def _count(visible_assets) -> dict:
    return dict(visible_assets.values_list("category").annotate(n=Count("id")).order_by())


def _in_order(counts: dict) -> list[dict]:
    return [
        {"category": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Category.choices
    ]


def _store(collective, audience: str, counts: dict) -> None:
    try:
        with transaction.atomic():
            CategoryCount.objects.update_or_create(
                collective=collective,
                audience=audience,
                defaults={"counts": counts, "counted_at": timezone.now()},
            )
    except IntegrityError:
        pass  # another request stored the same count at the same moment


def forget(collective) -> None:
    """Count this collective again on the next visit (its assets or consents changed)."""
    CategoryCount.objects.filter(collective=collective).delete()

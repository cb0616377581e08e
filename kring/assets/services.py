"""Every change to assets: one function each, keyword-only, one transaction."""

from django.db import transaction

from kring.communities.access import CollectiveAccess
from kring.core.locking import check_version
from kring.maps.placing import place_asset
from kring.matching.services import index_asset
from kring.privacy import audit

from . import counts
from .models import Asset, Category, Tag


def parse_tags(text: str) -> list[str]:
    """'Fietsen, techniek,, fietsen' -> ['fietsen', 'techniek']: lower case, no doubles."""
    names: list[str] = []
    for part in (text or "").split(","):
        name = " ".join(part.split()).lower()[:50]
        if name and name not in names:
            names.append(name)
    return names


def _set_tags(asset: Asset, names: list[str]) -> None:
    existing = {t.name: t for t in Tag.objects.filter(collective=asset.collective, name__in=names)}
    missing = [Tag(collective=asset.collective, name=n) for n in names if n not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    asset.tags.set(Tag.objects.filter(collective=asset.collective, name__in=names))


def _audit_gift(access: CollectiveAccess, asset: Asset, action: str) -> None:
    # A gift says something about one resident: that is personal data.
    if asset.category == Category.GIFT:
        audit.record(
            actor=access.user,
            collective=access.collective,
            action=action,
            target=asset,
            summary=f"gift of resident {asset.resident_id}",
        )


@transaction.atomic
def create_asset(*, access: CollectiveAccess, asset: Asset, tags: list[str] = ()) -> Asset:
    """Save a new asset built by a form; the collective and author come from who acts."""
    asset.collective = access.collective
    asset.created_by = access.user
    asset.updated_by = access.user
    asset._history_user = access.user
    place_asset(access=access, asset=asset)
    asset.full_clean(exclude=["collective"])
    asset.save()
    _set_tags(asset, list(tags))
    index_asset(asset=asset)
    counts.forget(access.collective)
    _audit_gift(access, asset, audit.Action.CREATE)
    return asset


@transaction.atomic
def update_asset(
    *,
    access: CollectiveAccess,
    asset: Asset,
    tags: list[str] | None = None,
    expected_version: int | None = None,
) -> Asset:
    """Save changes; with ``expected_version`` (from the edit form) a change someone else saved
    meanwhile raises kring.core.locking.EditConflict instead of being overwritten."""
    if asset.collective_id != access.collective.pk:
        raise ValueError("asset belongs to another collective")
    check_version(asset, expected_version)
    place_asset(access=access, asset=asset)
    asset.updated_by = access.user
    asset._history_user = access.user
    asset.save()
    if tags is not None:
        _set_tags(asset, list(tags))
    index_asset(asset=asset)
    counts.forget(access.collective)
    _audit_gift(access, asset, audit.Action.CHANGE)
    return asset


@transaction.atomic
def delete_asset(*, access: CollectiveAccess, asset: Asset) -> None:
    if asset.collective_id != access.collective.pk:
        raise ValueError("asset belongs to another collective")
    _audit_gift(access, asset, audit.Action.DELETE)
    asset._history_user = access.user
    asset.delete()
    counts.forget(access.collective)

"""Every read of assets goes through here, scoped to the acting member and to what residents
allowed: a gift shows to members only when its resident consented to being seen by members."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess
from kring.core.choices import Visibility
from kring.people.models import Consent, ConsentPurpose

from .models import Asset, Category, Tag


def visible_assets(access: CollectiveAccess) -> QuerySet[Asset]:
    assets = Asset.objects.filter(collective=access.collective)
    if access.is_builder:
        return assets
    # The consents of this collective's residents only: PostgreSQL reads the subquery once
    # (a hashed subplan), so without the collective it read the whole country's consents.
    resident_allows_members = Q(
        resident__in=Consent.objects.filter(
            resident__collective=access.collective,
            purpose=ConsentPurpose.MEMBERS,
            withdrawn_at__isnull=True,
        ).values("resident")
    )
    return assets.filter(visibility__in=[Visibility.MEMBERS, Visibility.PUBLIC]).filter(
        ~Q(category=Category.GIFT) | resident_allows_members
    )


def category_counts(access: CollectiveAccess) -> list[dict]:
    """Counts per category in the fixed order of ABCD's six kinds, zeros included."""
    from .counts import category_counts as cached_counts

    return cached_counts(access, visible_assets(access))


def asset_list(
    access: CollectiveAccess,
    *,
    category: str = "",
    query: str = "",
    neighbourhood=None,
    tag: str = "",
    gift_kind: str = "",
    availability: str = "",
) -> QuerySet[Asset]:
    assets = (
        visible_assets(access)
        .select_related("collective", "neighbourhood", "resident")
        .defer("neighbourhood__boundary")
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )
    if category:
        assets = assets.filter(category=category)
    if query:
        assets = assets.filter(
            Q(title__icontains=query)
            | Q(description__icontains=query)
            | Q(tags__name__icontains=query)
        ).distinct()
    if neighbourhood:
        assets = assets.filter(neighbourhood=neighbourhood)
    if tag:
        assets = assets.filter(tags__name=tag)
    if gift_kind:
        assets = assets.filter(gift_kind=gift_kind)
    if availability:
        assets = assets.filter(availability=availability)
    return assets


def recent_assets(access: CollectiveAccess, *, limit: int = 8) -> QuerySet[Asset]:
    return (
        visible_assets(access)
        .select_related("collective", "resident")
        .order_by("-created_at", "-id")[:limit]
    )


def asset_detail(access: CollectiveAccess, pk: int) -> Asset:
    return get_object_or_404(
        visible_assets(access)
        .select_related("neighbourhood", "resident", "created_by", "updated_by")
        .defer("neighbourhood__boundary")
        .prefetch_related("tags"),
        pk=pk,
    )


def asset_history(access: CollectiveAccess, asset: Asset):
    """The changes to one asset, newest first; only buurtmakers see who changed what."""
    if not access.is_builder:
        return []
    return asset.history.select_related("history_user").order_by("-history_date")[:50]


def tag_names(access: CollectiveAccess) -> list[str]:
    return list(Tag.objects.filter(collective=access.collective).values_list("name", flat=True))

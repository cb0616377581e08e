"""What each export may contain, scoped to who asks.

- Public exports (GeoJSON, HSDS) hold only assets the collective marked "openbaar", never a
  gift and never a resident.
- The asset list holds what the member may see; gifts (personal data: they name a resident)
  only for buurtmakers, and only of residents who consented to being kept in the inventory;
  the tellers of a story, too, only for buurtmakers.
- The resident list is for buurtmakers and admins only, and holds residents who consented to
  being kept in the inventory ("inventaris")."""

from django.db.models import Prefetch, Q, QuerySet

from kring.assets.models import Asset, Category
from kring.assets.selectors import told_with_consent, visible_assets
from kring.communities.access import CollectiveAccess
from kring.communities.models import Collective
from kring.core.choices import Visibility
from kring.people.models import Consent, ConsentPurpose, Resident
from kring.people.selectors import visible_residents

from .models import OpenData

# Categories that are an organisation or a place in HSDS; the others have no HSDS table.
HSDS_CATEGORIES = (Category.INSTITUTION, Category.ASSOCIATION, Category.PLACE)


def public_assets(collective: Collective) -> QuerySet[Asset]:
    # A public story goes out only while every resident named as its teller allows it.
    return (
        told_with_consent(Asset.objects.filter(collective=collective, visibility=Visibility.PUBLIC))
        .exclude(category=Category.GIFT)
        .select_related("neighbourhood")
        .defer("neighbourhood__boundary")
        .prefetch_related("tags")
        .order_by("category", "title", "id")
    )


def asset_rows(access: CollectiveAccess) -> QuerySet[Asset]:
    assets = visible_assets(access)
    if access.is_builder:
        consented = Resident.objects.filter(collective=access.collective).with_consent(
            ConsentPurpose.INVENTORY
        )
        assets = assets.filter(~Q(category=Category.GIFT) | Q(resident__in=consented))
        # Who told a story: names for buurtmakers only, like gifts (members get no residents).
        assets = assets.prefetch_related(
            Prefetch(
                "tellers",
                queryset=Resident.objects.filter(erased_at__isnull=True).only("id", "name"),
                to_attr="teller_list",
            )
        )
    else:
        assets = assets.exclude(category=Category.GIFT)
    return (
        assets.select_related("neighbourhood", "resident")
        .defer("neighbourhood__boundary")
        .prefetch_related("tags")
        .order_by("category", "title", "id")
    )


def resident_rows(access: CollectiveAccess) -> QuerySet[Resident]:
    if not access.is_builder:
        return Resident.objects.none()
    return (
        visible_residents(access)
        .with_consent(ConsentPurpose.INVENTORY)
        .select_related("neighbourhood")
        .defer("neighbourhood__boundary")
        .prefetch_related(
            Prefetch(
                "consents",
                queryset=Consent.objects.filter(withdrawn_at__isnull=True).order_by("purpose"),
            )
        )
        .order_by("name", "id")
    )


def export_counts(access: CollectiveAccess) -> dict[str, int]:
    """The figures on the export page: a fixed number of queries, whatever the size."""
    counts = {
        "public": public_assets(access.collective).count(),
        "hsds": public_assets(access.collective).filter(category__in=HSDS_CATEGORIES).count(),
        "assets": asset_rows(access).count(),
    }
    if access.is_builder:
        counts["residents"] = resident_rows(access).count()
    return counts


def open_data_published(collective: Collective) -> bool:
    """Only while the profile is public and the admin chose to offer open data."""
    return (
        collective.is_public
        and OpenData.objects.filter(collective=collective, publish=True).exists()
    )


def open_data_choice(collective: Collective) -> bool:
    return OpenData.objects.filter(collective=collective, publish=True).exists()

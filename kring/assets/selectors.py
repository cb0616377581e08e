"""Every read of assets goes through here, scoped to the acting member and to what residents
allowed: a gift shows to members only when its resident consented to being seen by members."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.communities.access import CollectiveAccess
from kring.core.choices import Visibility
from kring.core.compiled import CompiledQuery, one_in_collective
from kring.people.models import Consent, ConsentPurpose, Resident
from kring.people.selectors import visible_residents

from .counts import category_counts as cached_counts
from .counts import counted_now
from .models import Asset, Category, Tag


def visible_assets(access: CollectiveAccess) -> QuerySet[Asset]:
    # The collective as the access has it (kring.matching.visible prepares with a number).
    return visible_assets_of(access.collective, builder=access.is_builder)


def visible_assets_of(collective, *, builder: bool) -> QuerySet[Asset]:
    """``visible_assets`` for a collective (or its id) and the reader's role (what a compiled
    query is built from)."""
    assets = Asset.objects.filter(collective=collective)
    if builder:
        return assets
    # The residents of this collective who allow members to see them, read once (a hashed
    # subplan). Each resident's consent is looked up by its index: as a join of consents and
    # residents, PostgreSQL read every consent of the country (60,000 rows with this purpose
    # in the load benchmark's city) to keep the 1,500 of one collective. A scalar subquery in
    # WHERE is never turned into a join, so it stays a lookup per resident.
    allowing = Resident.objects.alias(
        allows=Subquery(
            Consent.objects.filter(
                resident=OuterRef("pk"),
                purpose=ConsentPurpose.MEMBERS,
                withdrawn_at__isnull=True,
            )
            .order_by()
            .values("pk")[:1]
        )
    ).filter(collective=collective, allows__isnull=False)
    resident_allows_members = Q(resident__in=allowing.values("pk"))
    return assets.filter(visibility__in=[Visibility.MEMBERS, Visibility.PUBLIC]).filter(
        ~Q(category=Category.GIFT) | resident_allows_members
    )


def category_counts(access: CollectiveAccess) -> list[dict]:
    """Counts per category in the fixed order of ABCD's six kinds, zeros included."""
    return cached_counts(access, visible_assets(access))


def category_counts_now(access: CollectiveAccess) -> list[dict]:
    """The same, counted now (for the overview's sections kept under the data version)."""
    return counted_now(visible_assets(access))


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
        # A tag matches as a subquery: joining the tags made a row per tag, so the list needed
        # DISTINCT, which PostgreSQL sorted over every match before it could count or cut a page.
        tagged = Tag.objects.filter(assets=OuterRef("pk"), name__icontains=query)
        assets = assets.filter(
            Q(title__icontains=query) | Q(description__icontains=query) | Exists(tagged)
        )
    if neighbourhood:
        assets = assets.filter(neighbourhood=neighbourhood)
    if tag:
        assets = assets.filter(tags__name=tag)
    if gift_kind:
        assets = assets.filter(gift_kind=gift_kind)
    if availability:
        assets = assets.filter(availability=availability)
    return assets


def list_rows(assets: QuerySet[Asset]) -> QuerySet[Asset]:
    """A list page's assets with only the columns its rows show (kring.assets.templatetags):
    not the descriptions, the whole residents and the collective; the tags' names are read by
    the rows (``row_tags``), not as Tag objects."""
    return (
        assets.select_related(None)
        .select_related("neighbourhood", "resident")
        .prefetch_related(None)
        .only(
            "id",
            "title",
            "gift_kind",
            "availability",
            "visibility",
            "resident__name",
            "neighbourhood__name",
        )
    )


def row_tags(asset_ids: list[int]) -> dict[int, list[str]]:
    """The names of the tags of these assets, per asset, in the order of their names (as
    ``asset.tags.all()`` gives them), in one query."""
    names: dict[int, list[str]] = {}
    rows = (
        Asset.tags.through.objects.filter(asset_id__in=asset_ids)
        .order_by("tag__name")
        .values_list("asset_id", "tag__name")
    )
    for asset_id, name in rows if asset_ids else ():
        names.setdefault(asset_id, []).append(name)
    return names


def recent_assets(access: CollectiveAccess, *, limit: int = 8) -> list[Asset]:
    """The newest assets with what the overview shows of them; the collective is the one asked
    about, not read again for each link."""
    assets = list(
        visible_assets(access)
        .select_related("resident")
        .only("id", "collective_id", "category", "title", "created_at", "resident__name")
        .order_by("-created_at", "-id")[:limit]
    )
    for asset in assets:
        asset.collective = access.collective
    return assets


def asset_detail(access: CollectiveAccess, pk: int) -> Asset:
    asset = get_object_or_404(
        visible_assets(access)
        .select_related("neighbourhood", "resident", "created_by", "updated_by")
        .defer("neighbourhood__boundary")
        .prefetch_related("tags"),
        pk=pk,
    )
    # The collective is the one asked about (and the resident's, for the link to them): not
    # read again for an address.
    asset.collective = access.collective
    if asset.resident and asset.resident.collective_id == access.collective.pk:
        asset.resident.collective = access.collective
    return asset


# An asset's page, asked for with every miss of its kept body: the asset with the names its page
# shows of its buurt, resident and who entered and changed it; compiled to SQL once per
# connection and role (kring.core.compiled), as are its tags and its history.
_PAGE_ASSET = {
    builder: CompiledQuery(
        lambda collective, pk, builder=builder: (
            visible_assets_of(collective, builder=builder)
            .filter(pk=pk)
            .select_related("neighbourhood", "resident", "created_by", "updated_by")
            .only(
                *(f.name for f in Asset._meta.concrete_fields),
                "neighbourhood__name",
                "resident__name",
                "resident__collective",
                "created_by__name",
                "updated_by__name",
            )
        ),
        collective=int,
        pk=int,
    )
    for builder in (True, False)
}
_PAGE_TAGS = CompiledQuery(
    lambda asset: Tag.objects.filter(assets=asset).only("id", "name").order_by("name"),
    asset=int,
)
_PAGE_HISTORY = CompiledQuery(
    lambda asset: (
        Asset.history.filter(id=asset)
        .select_related("history_user")
        .only("history_id", "history_date", "history_type", "title", "history_user__name")
        .order_by("-history_date")[:50]
    ),
    asset=int,
)


def asset_page(access: CollectiveAccess, pk: int) -> tuple[Asset, list[Tag], list]:
    """What an asset's page shows: the asset (as ``asset_detail`` reads it, with only the names
    of its relations), its tags by name and, for buurtmakers, its last 50 changes (who
    changed what), newest first."""
    asset = one_in_collective(_PAGE_ASSET[access.is_builder], access.collective, pk)
    if asset.resident and asset.resident.collective_id == access.collective.pk:
        asset.resident.collective = access.collective
    tags = _PAGE_TAGS.run(asset=asset.pk)
    history = _PAGE_HISTORY.run(asset=asset.pk) if access.is_builder else []
    return asset, tags, history


def tag_names(access: CollectiveAccess) -> list[str]:
    return list(Tag.objects.filter(collective=access.collective).values_list("name", flat=True))


# --- Stories that leave the collective --------------------------------------------------------


def _without_story_consent():
    """A teller link whose resident has no active "verhalen" consent."""
    return ~Exists(
        Consent.objects.filter(
            resident_id=OuterRef("resident_id"),
            purpose=ConsentPurpose.PUBLIC_STORIES,
            withdrawn_at__isnull=True,
        )
    )


def told_with_consent(assets: QuerySet[Asset]) -> QuerySet[Asset]:
    """The one rule for a story that leaves its collective (the wijkportret, the gemeente's
    report, open data): every resident it names as teller has an active "verhalen" consent at
    this moment. A story that names nobody is the collective's own (neighbourhood history) and
    passes, as does any asset that is not a story. Callers add the other half of the rule: that
    the collective chose to share it. Read at the moment of use, so a withdrawal counts at once."""
    lacking = Asset.tellers.through.objects.filter(asset_id=OuterRef("pk")).filter(
        _without_story_consent()
    )
    return assets.filter(~Exists(lacking))


def portrait_stories(collective_ids) -> QuerySet[Asset]:
    """Stories the collectives chose for their wijkportret, as far as their tellers allow: what
    the wijkportret prints and what a gemeente's report may hold (which also needs the
    collective to share stories with that gemeente, kring.impact.selectors.shared_stories)."""
    return told_with_consent(
        Asset.objects.filter(
            collective_id__in=list(collective_ids),
            category=Category.STORY,
            portrait_choice__isnull=False,
        )
    )


@dataclass
class ConsentGap:
    """Why a story cannot leave the collective now: the tellers without "verhalen" consent,
    by name as far as the reader may see them, the others only counted."""

    names: list[str]
    others: int

    @property
    def reason(self) -> str:
        parts = list(self.names)
        if self.others:
            if parts:
                text = ngettext(
                    "%(count)s andere bewoner", "%(count)s andere bewoners", self.others
                )
            else:
                text = ngettext("%(count)s bewoner", "%(count)s bewoners", self.others)
            parts.append(text % {"count": self.others})
        who = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {_('en')} {parts[-1]}"
        return _("nog geen toestemming van %(who)s om het verhaal openbaar te delen.") % {
            "who": who
        }

    def __str__(self):
        return _("Kan nu niet naar buiten: %(reason)s") % {"reason": self.reason}


def story_sharing(access: CollectiveAccess, stories) -> dict[int, ConsentGap]:
    """For the screens where stories are chosen: per story that cannot leave the collective
    now, who still has to give consent. Names only of residents the reader may see."""

    ids = [s.pk for s in stories if s.category == Category.STORY]
    if not ids:
        return {}
    links = list(
        Asset.tellers.through.objects.filter(asset_id__in=ids)
        .filter(_without_story_consent())
        .values_list("asset_id", "resident_id")
    )
    if not links:
        return {}
    names = dict(
        visible_residents(access).filter(pk__in={r for _a, r in links}).values_list("pk", "name")
    )
    gaps: dict[int, ConsentGap] = {}
    for asset_id, resident_id in links:
        gap = gaps.setdefault(asset_id, ConsentGap(names=[], others=0))
        if resident_id in names:
            gap.names.append(names[resident_id])
        else:
            gap.others += 1
    for gap in gaps.values():
        gap.names.sort()
    return gaps


def story_tellers(access: CollectiveAccess, asset: Asset) -> dict:
    """Who told the story, as far as the reader may see them; the others are only counted."""

    ids = set(asset.tellers.values_list("pk", flat=True))
    if not ids:
        return {"visible": [], "others": 0}
    visible = list(visible_residents(access).filter(pk__in=ids).only("id", "name", "collective"))
    return {"visible": visible, "others": len(ids) - len(visible)}


def public_place_addresses(access: CollectiveAccess) -> list[tuple[str, str]]:
    """(name, address) of the collective's places that it marked public and that have an
    address: what its public profile may offer as visiting address. Places seen only inside the
    collective are left out, as one may be someone's home."""
    return list(
        visible_assets(access)
        .filter(category=Category.PLACE, visibility=Visibility.PUBLIC)
        .exclude(address="")
        .order_by("title")
        .values_list("title", "address")[:50]
    )

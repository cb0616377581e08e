"""What assets add to pages that live a floor below: to a collective's overview ("Wat is er al",
``kring.communities``) the total with the buttons to start, the six categories with their
counts, and what was added and talked about last; to a resident's page (``kring.people``)
their gifts and the stories they told. Those pages render what is registered in
``kring.core.sections`` (see ``AssetsConfig.ready``)."""

from kring.communities.access import CollectiveAccess
from kring.core.choices import Visibility
from kring.core.compiled import CompiledQuery
from kring.core.overview import Section
from kring.people.selectors import recent_conversations

from .models import Asset, Category
from .selectors import category_counts_now, recent_assets, visible_assets_of


def _category_counts(access: CollectiveAccess) -> list[dict]:
    """The summary and the counts of one overview count once: kept on the request's
    membership, which every request reads afresh (kring.communities.access). Both sections are
    kept in the page cache under the collective's data version, which every write of an asset
    or a consent changes, so they are counted from the assets themselves when rendered: exact,
    where the kept rows of ``kring.assets.counts`` may be five minutes old after a bulk load."""
    counts = getattr(access.membership, "_kring_category_counts", None)
    if counts is None:
        counts = access.membership._kring_category_counts = category_counts_now(access)
    return counts


def summary(access: CollectiveAccess) -> Section:
    total = sum(c["count"] for c in _category_counts(access))
    return Section("assets/_overview_summary.html", {"total": total})


def counts(access: CollectiveAccess) -> Section:
    return Section("assets/_overview_counts.html", {"counts": _category_counts(access)})


def recent(access: CollectiveAccess) -> Section:
    return Section(
        "assets/_overview_recent.html",
        {"recent": recent_assets(access), "conversations": recent_conversations(access)},
    )


# A resident's gifts and the stories they told, on every miss of their page's kept body:
# compiled to SQL once per connection and role (kring.core.compiled).
_RESIDENT_GIFTS = {
    builder: CompiledQuery(
        lambda resident, builder=builder: (
            (
                Asset.objects.filter(resident=resident)
                if builder
                else Asset.objects.filter(resident=resident).exclude(visibility=Visibility.BUILDERS)
            )
            .only("id", "collective_id", "resident_id", "title", "gift_kind", "availability")
            .order_by("gift_kind", "title")
        ),
        resident=int,
    )
    for builder in (True, False)
}
_RESIDENT_STORIES = {
    builder: CompiledQuery(
        lambda collective, resident, builder=builder: (
            visible_assets_of(collective, builder=builder)
            .filter(category=Category.STORY, tellers=resident)
            .only("id", "title", "collective_id")
            .order_by("-created_at", "-id")
        ),
        collective=int,
        resident=int,
    )
    for builder in (True, False)
}


def resident_gifts(access: CollectiveAccess, resident) -> Section:
    """The resident's gifts first (ABCD starts from what people bring), then their stories."""
    gifts = _RESIDENT_GIFTS[access.is_builder].run(resident=resident.pk)
    stories = _RESIDENT_STORIES[access.is_builder].run(
        collective=access.collective.pk, resident=resident.pk
    )
    return Section(
        "assets/_resident_gifts.html",
        {
            "resident": resident,
            "gifts": _in_collective(gifts, access.collective),
            "stories": _in_collective(stories, access.collective),
            "purposes": resident.active_purposes(),
        },
    )


def _in_collective(assets, collective) -> list:
    """The assets with the collective already read (for their address), so that each link
    does not read it again: one query per gift or story before."""
    assets = list(assets)
    for asset in assets:
        if asset.collective_id == collective.pk:
            asset.collective = collective
    return assets

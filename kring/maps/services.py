"""Changes made from the map pages: the stories the wijkportret shows."""

from django.db import transaction

from kring.assets.models import Category
from kring.assets.selectors import visible_assets
from kring.communities.access import CollectiveAccess

from .models import PortraitStory

MAX_PORTRAIT_STORIES = 3


@transaction.atomic
def choose_portrait_stories(*, access: CollectiveAccess, asset_ids: list[int]) -> list[int]:
    """Show these stories (at most three, of this collective) in the wijkportret."""
    wanted = list(
        visible_assets(access)
        .filter(category=Category.STORY, pk__in=asset_ids)
        .order_by("-created_at")
        .values_list("pk", flat=True)[:MAX_PORTRAIT_STORIES]
    )
    PortraitStory.objects.filter(collective=access.collective).exclude(asset_id__in=wanted).delete()
    kept = set(
        PortraitStory.objects.filter(collective=access.collective).values_list(
            "asset_id", flat=True
        )
    )
    PortraitStory.objects.bulk_create(
        PortraitStory(collective=access.collective, asset_id=pk) for pk in wanted if pk not in kept
    )
    return wanted


class TooManyStories(Exception):
    """The wijkportret already shows MAX_PORTRAIT_STORIES stories."""


@transaction.atomic
def show_story_in_portrait(*, access: CollectiveAccess, asset, shown: bool) -> None:
    if asset.collective_id != access.collective.pk or asset.category != Category.STORY:
        raise ValueError("not a story of this collective")
    chosen = PortraitStory.objects.select_for_update().filter(collective=access.collective)
    if not shown:
        chosen.filter(asset=asset).delete()
        return
    if chosen.filter(asset=asset).exists():
        return
    if chosen.count() >= MAX_PORTRAIT_STORIES:
        raise TooManyStories
    PortraitStory.objects.create(collective=access.collective, asset=asset)

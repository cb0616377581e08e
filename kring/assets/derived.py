"""The check of the assets index page's kept counts (``CategoryCount``) for
``kring.core.derived`` (after a restore): each kept count compared with a fresh count; a wrong one is forgotten, so
the next visit counts again (as after any change of assets)."""

from types import SimpleNamespace

from django.db.models import Count
from django.utils.translation import gettext as _

from kring.communities.access import CollectiveAccess
from kring.core.derived import Outcome

from .models import CategoryCount
from .selectors import visible_assets


def _fresh(collective, audience: str) -> dict[str, int]:
    # Only who is asking matters to the count: a buurtmaker sees every asset, a member what
    # visibility and consent allow (the selector's own rules, so the two never drift apart).
    access = CollectiveAccess(
        user=None,
        collective=collective,
        membership=SimpleNamespace(is_builder=audience == "buurtmakers"),
    )
    return dict(visible_assets(access).values_list("category").annotate(n=Count("id")).order_by())


def check_counts(*, repair: bool) -> Outcome:
    rows = list(CategoryCount.objects.select_related("collective").order_by("pk"))
    wrong = [
        row
        for row in rows
        if row.audience not in ("buurtmakers", "leden")
        or {k: v for k, v in row.counts.items() if v} != _fresh(row.collective, row.audience)
    ]
    action = ""
    if wrong:
        if repair:
            CategoryCount.objects.filter(pk__in=[row.pk for row in wrong]).delete()
            action = _("Weggegooid; bij het volgende bezoek wordt opnieuw geteld.")
        else:
            action = _("Nog niet hersteld.")
    return Outcome(
        table=_("Tellingen per soort bron"), checked=len(rows), wrong=len(wrong), action=action
    )

"""What assets add to a collective's overview page ("Wat is er al"): the total with the buttons
to start, the six categories with their counts, and what was added and talked about last.
The page lives in ``kring.communities``, a floor below; it renders what is registered in
``kring.core.overview`` (see ``AssetsConfig.ready``)."""

from kring.communities.access import CollectiveAccess
from kring.core.overview import Section
from kring.people.selectors import recent_conversations

from .selectors import category_counts, recent_assets


def summary(access: CollectiveAccess) -> Section:
    total = sum(c["count"] for c in category_counts(access))
    return Section("assets/_overview_summary.html", {"total": total})


def counts(access: CollectiveAccess) -> Section:
    return Section("assets/_overview_counts.html", {"counts": category_counts(access)})


def recent(access: CollectiveAccess) -> Section:
    return Section(
        "assets/_overview_recent.html",
        {"recent": recent_assets(access), "conversations": recent_conversations(access)},
    )

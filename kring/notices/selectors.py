"""Reads for notices, always scoped to the collective of who asks."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess
from kring.core.overview import Section
from kring.core.related import with_related
from kring.initiatives.models import Connection

from .models import FollowUp, FollowUpChannel, NoticePreference, NoticeSettings


def preference_of(resident) -> NoticePreference | None:
    return NoticePreference.objects.filter(resident=resident).first()


def followup_days(collective) -> int:
    found = NoticeSettings.objects.filter(collective=collective).first()
    if found is None:
        return NoticeSettings._meta.get_field("followup_days").default
    return found.followup_days


def open_followups(access: CollectiveAccess) -> QuerySet[FollowUp]:
    """The buurtmakers' to-do list: connections to ask about that no resident was mailed
    about, and that have no answer yet."""
    return (
        FollowUp.objects.filter(
            connection__collective=access.collective,
            channel=FollowUpChannel.BUILDER,
            connection__outcome="",
        )
        .select_related(
            "connection__resident",
            "connection__other_resident",
            "connection__asset",
            "connection__initiative",
            "connection__need",
            "connection__collective",
        )
        .order_by("connection__happened_on", "pk")
    )


def followup_connection(access: CollectiveAccess, pk: int) -> Connection:
    return get_object_or_404(
        Connection.objects.filter(collective=access.collective).select_related(
            "resident", "other_resident", "asset", "initiative", "need", "collective"
        ),
        pk=pk,
    )


def followup_section(access: CollectiveAccess) -> Section | None:
    """The to-do list on the collective's overview, for buurtmakers, when there is something:
    the first five with what their lines show (the two sides' names or titles, the date), the
    names read by subqueries rather than joins (kring.core.related: PostgreSQL spent about
    10 ms weighing the order of the eight tables' joins, and ran them in 0.2 ms)."""
    if not access.is_builder:
        return None
    todo = list(
        with_related(
            open_followups(access)
            .select_related(None)
            .select_related("connection")
            .only(
                "id",
                "connection__id",
                "connection__happened_on",
                "connection__resident",
                "connection__other_resident",
                "connection__asset",
                "connection__initiative",
            ),
            {
                "connection__resident": ("name", "erased_at"),
                "connection__other_resident": ("name", "erased_at"),
                "connection__asset": ("title",),
                "connection__initiative": ("title",),
            },
        )[:5]
    )
    if not todo:
        return None
    return Section(
        "notices/_followup_section.html",
        {
            "followups": todo,
            # Fewer than five: they are all (one query less).
            "count": open_followups(access).count() if len(todo) == 5 else len(todo),
            "collective": access.collective,
        },
    )

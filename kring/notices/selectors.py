"""Reads for notices, always scoped to the collective of who asks."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess
from kring.core.overview import Section
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
    """The to-do list on the collective's overview, for buurtmakers, when there is something."""
    if not access.is_builder:
        return None
    todo = list(open_followups(access)[:5])
    if not todo:
        return None
    return Section(
        "notices/_followup_section.html",
        {
            "followups": todo,
            "count": open_followups(access).count(),
            "collective": access.collective,
        },
    )

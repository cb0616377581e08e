"""What the demo's year left behind, counted from the database (not from the plan), for
``load_demo`` to print and the tests to check."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from kring.assets.models import Asset, Category
from kring.core.jobs import JobStatus
from kring.initiatives.models import (
    GIVER_KINDS,
    Activity,
    Connection,
    GiverKind,
    Initiative,
    Need,
    Pledge,
)
from kring.network.models import NetworkAnalysis
from kring.people.models import Conversation, Resident


@dataclass
class Summary:
    residents: int = 0
    conversations: int = 0
    assets: int = 0
    initiatives: dict[str, int] = field(default_factory=dict)
    needs: dict[tuple[str, str], int] = field(default_factory=dict)  # (question, status)
    connections: dict[str, int] = field(default_factory=dict)
    activities: int = 0
    activities_held: int = 0
    hours: Decimal = Decimal(0)
    repaired: int = 0  # things that work again after a repair café
    pledges: dict[str, int] = field(default_factory=dict)  # giver kind
    stories: int = 0
    stories_told: int = 0  # naming residents as tellers
    analyses: int = 0


def summarise(collectives) -> Summary:
    ids = [c.pk for c in collectives]
    initiatives = Initiative.objects.filter(collective_id__in=ids)
    activities = Activity.objects.filter(collective_id__in=ids)
    stories = Asset.objects.filter(collective_id__in=ids, category=Category.STORY)
    pledges = Counter()
    for resident_id, category in Pledge.objects.filter(initiative__in=initiatives).values_list(
        "resident_id", "giver__category"
    ):
        pledges[GiverKind.RESIDENT if resident_id else GIVER_KINDS[category]] += 1
    return Summary(
        residents=Resident.objects.filter(collective_id__in=ids).count(),
        conversations=Conversation.objects.filter(collective_id__in=ids).count(),
        assets=Asset.objects.filter(collective_id__in=ids).count(),
        initiatives=_counts(initiatives, "status"),
        needs={
            (row["question"], row["status"]): row["n"]
            for row in Need.objects.filter(initiative__in=initiatives)
            .values("question", "status")
            .annotate(n=Count("id"))
        },
        connections=_counts(Connection.objects.filter(collective_id__in=ids), "kind"),
        activities=activities.count(),
        activities_held=activities.filter(attendance_recorded_at__isnull=False).count(),
        hours=activities.aggregate(total=Sum("hours_given"))["total"] or Decimal(0),
        repaired=activities.aggregate(total=Sum("items_repaired"))["total"] or 0,
        pledges=dict(pledges),
        stories=stories.count(),
        stories_told=stories.filter(tellers__isnull=False).distinct().count(),
        analyses=NetworkAnalysis.objects.filter(
            collective_id__in=ids, status=JobStatus.DONE
        ).count(),
    )


def _counts(queryset, name: str) -> dict[str, int]:
    return {row[name]: row["n"] for row in queryset.values(name).annotate(n=Count("id")).order_by()}

"""Reads of pledges: hours, things and money against an initiative's goals, and who gave."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kring.communities.access import CollectiveAccess

from ..models import (
    GIVER_KINDS,
    GiverKind,
    Initiative,
    Pledge,
    PledgeKind,
)
from .initiatives import giver_choices


def volunteer_hours(initiative: Initiative) -> Decimal:
    return initiative.activities.aggregate(total=Sum("hours_given"))["total"] or Decimal("0")


@dataclass(frozen=True)
class Progress:
    goal_hours: Decimal | None
    pledged_hours: Decimal
    given_hours: Decimal
    goal_money: Decimal | None
    pledged_money: Decimal
    materials: list

    @staticmethod
    def _percent(part: Decimal, goal: Decimal | None) -> int | None:
        if not goal:
            return None
        return min(100, int(part * 100 / goal))

    @property
    def hours_percent(self) -> int | None:
        return self._percent(self.pledged_hours, self.goal_hours)

    @property
    def money_percent(self) -> int | None:
        return self._percent(self.pledged_money, self.goal_money)


def pledge_progress(initiative: Initiative) -> Progress:
    totals = dict(
        initiative.pledges.exclude(kind=PledgeKind.MATERIAL)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return Progress(
        goal_hours=initiative.goal_hours,
        pledged_hours=totals.get(PledgeKind.HOURS) or Decimal("0"),
        given_hours=volunteer_hours(initiative),
        goal_money=initiative.goal_money,
        pledged_money=totals.get(PledgeKind.MONEY) or Decimal("0"),
        materials=list(
            initiative.pledges.filter(kind=PledgeKind.MATERIAL).values_list(
                "description", flat=True
            )
        ),
    )


def pledges_of(access: CollectiveAccess, initiative: Initiative) -> QuerySet[Pledge]:
    """Who pledged what: buurtmakers only (what one resident gives is personal)."""
    if not access.is_builder:
        return Pledge.objects.none()
    return initiative.pledges.select_related(
        "resident", "resident__collective", "giver", "giver__collective"
    )


@dataclass
class MoneyGiver:
    """One line of "who gave toward the money goal": a resident, an organisation, or (for
    members, who may not see who gave what) the residents together."""

    name: str
    kind: str
    amount: Decimal = Decimal("0")
    url: str = ""
    parties: set = field(default_factory=set)


def money_givers(access: CollectiveAccess, initiative: Initiative) -> list[MoneyGiver]:
    """Who promised money, most first. Organisations are named to everyone who may see them;
    residents by name to buurtmakers only, to members as one line "bewoners samen"."""
    pledges = list(
        initiative.pledges.filter(kind=PledgeKind.MONEY).select_related(
            "resident", "resident__collective", "giver", "giver__collective"
        )
    )
    visible = set(
        giver_choices(access)
        .filter(pk__in=[p.giver_id for p in pledges if p.giver_id])
        .values_list("pk", flat=True)
    )
    lines: dict[tuple, MoneyGiver] = {}
    for pledge in pledges:
        if pledge.giver_id in visible:
            giver = pledge.giver
            key = ("asset", giver.pk)
            line = lines.get(key) or MoneyGiver(
                giver.title, GIVER_KINDS[giver.category].label, url=giver.get_absolute_url()
            )
        elif pledge.giver_id:
            key = ("assets",)
            line = lines.get(key) or MoneyGiver(_("andere organisaties"), "")
        elif access.is_builder:
            resident = pledge.resident
            key = ("resident", resident.pk)
            url = "" if resident.erased_at else resident.get_absolute_url()
            line = lines.get(key) or MoneyGiver(str(resident), GiverKind.RESIDENT.label, url=url)
        else:
            key = ("residents",)
            line = lines.get(key) or MoneyGiver(_("bewoners samen"), GiverKind.RESIDENT.label)
        line.amount += pledge.amount or Decimal("0")
        line.parties.add((pledge.resident_id, pledge.giver_id))
        lines[key] = line
    return sorted(lines.values(), key=lambda line: (-line.amount, line.name))


def pledge_detail(access: CollectiveAccess, pk: int) -> Pledge:
    return get_object_or_404(
        Pledge.objects.filter(initiative__collective=access.collective).select_related(
            "initiative"
        ),
        pk=pk,
    )

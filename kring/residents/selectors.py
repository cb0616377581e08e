"""Reads for the resident's own door: always of the resident who asks (their own record) or,
for buurtmakers, of their own collective."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kring.assets.models import Asset, Availability, Category
from kring.communities.access import CollectiveAccess
from kring.initiatives.models import Connection, Initiative
from kring.matching import explain
from kring.people.models import Resident

from .models import Ask, AskStatus, GiftOffer, HelpOffer, ProposalStatus

# A page shows at most this many open asks to look through for ones that fit.
ASKS_LOOKED_AT = 100


def my_records(user) -> QuerySet[Resident]:
    """Every record of this log-in, one per collective, each shown on its own."""
    if not user.is_authenticated:
        return Resident.objects.none()
    return (
        Resident.objects.filter(user=user, erased_at__isnull=True)
        .select_related("collective", "neighbourhood")
        .defer("neighbourhood__boundary")
        .order_by("collective__name")
    )


def my_record(user, slug: str) -> Resident:
    resident = my_records(user).filter(collective__slug=slug).first()
    if resident is None:
        raise Http404
    return resident


def my_gifts(resident: Resident) -> QuerySet[Asset]:
    return (
        Asset.objects.filter(resident=resident, category=Category.GIFT)
        .prefetch_related("tags")
        .order_by("gift_kind", "title")
    )


def my_gift(resident: Resident, pk: int) -> Asset:
    return get_object_or_404(my_gifts(resident).select_related("collective"), pk=pk)


def my_connections(resident: Resident) -> QuerySet[Connection]:
    return (
        Connection.objects.filter(Q(resident=resident) | Q(other_resident=resident))
        .select_related("resident", "other_resident", "asset", "initiative")
        .order_by("-happened_on", "-id")
    )


def my_initiatives(resident: Resident) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(
            Q(initiators=resident) | Q(participants=resident), collective=resident.collective
        )
        .distinct()
        .order_by("title")
    )


def my_asks(resident: Resident) -> QuerySet[Ask]:
    return Ask.objects.filter(resident=resident).prefetch_related("help_offers")


def my_ask(resident: Resident, pk: int) -> Ask:
    return get_object_or_404(my_asks(resident), pk=pk)


def my_offers(resident: Resident) -> QuerySet[GiftOffer]:
    return GiftOffer.objects.filter(resident=resident, status=ProposalStatus.PROPOSED)


def my_help_offers(resident: Resident) -> QuerySet[HelpOffer]:
    return HelpOffer.objects.filter(resident=resident).select_related("ask")


def open_asks(resident: Resident) -> QuerySet[Ask]:
    """Open asks of the resident's neighbours (not their own, not of erased residents)."""
    return (
        Ask.objects.filter(
            collective=resident.collective,
            status=AskStatus.OPEN,
            resident__erased_at__isnull=True,
        )
        .exclude(resident=resident)
        .exclude(text="")
        .select_related("neighbourhood")
        .defer("neighbourhood__boundary")
    )


def open_ask(resident: Resident, pk: int) -> Ask:
    return get_object_or_404(open_asks(resident), pk=pk)


@dataclass
class FittingAsk:
    ask: Ask
    reasons: list[str]
    answered: bool


def fitting_asks(resident: Resident) -> list[FittingAsk]:
    """Open asks that one of the resident's gifts (not paused) answers, best first, each with
    the matching engine's reasons."""
    gifts = list(my_gifts(resident).exclude(availability=Availability.NOT_NOW))
    if not gifts:
        return []
    answered = set(HelpOffer.objects.filter(resident=resident).values_list("ask_id", flat=True))
    found = []
    for ask in open_asks(resident)[:ASKS_LOOKED_AT]:
        matches = explain(
            text=f"{ask.text} {ask.details}", assets=gifts, neighbourhood=ask.neighbourhood
        )
        if matches:
            best = matches[0]
            found.append((best.score, FittingAsk(ask, best.reasons, ask.pk in answered)))
    found.sort(key=lambda pair: -pair[0])
    return [fit for _score, fit in found]


# Buurtmakers ---------------------------------------------------------------------------------


def proposed_asks(access: CollectiveAccess) -> QuerySet[Ask]:
    return Ask.objects.filter(
        collective=access.collective, status=AskStatus.PROPOSED, resident__erased_at__isnull=True
    ).select_related("resident", "neighbourhood")


def proposed_gifts(access: CollectiveAccess) -> QuerySet[GiftOffer]:
    return GiftOffer.objects.filter(
        collective=access.collective,
        status=ProposalStatus.PROPOSED,
        resident__erased_at__isnull=True,
    ).select_related("resident")


def help_waiting(access: CollectiveAccess) -> QuerySet[HelpOffer]:
    """Answers to asks that no buurtmaker connected yet."""
    return (
        HelpOffer.objects.filter(
            ask__collective=access.collective,
            connection__isnull=True,
            ask__status=AskStatus.OPEN,
            resident__erased_at__isnull=True,
            ask__resident__erased_at__isnull=True,
        )
        .select_related("ask", "ask__resident", "resident")
        .order_by("created_at", "id")
    )


def ask_for_builder(access: CollectiveAccess, pk: int) -> Ask:
    return get_object_or_404(
        Ask.objects.filter(collective=access.collective, resident__erased_at__isnull=True), pk=pk
    )


def gift_offer_for_builder(access: CollectiveAccess, pk: int) -> GiftOffer:
    return get_object_or_404(proposed_gifts(access), pk=pk)


def help_offer_for_builder(access: CollectiveAccess, pk: int) -> HelpOffer:
    return get_object_or_404(help_waiting(access), pk=pk)


def initiatives_for_asks(access: CollectiveAccess) -> QuerySet[Initiative]:
    """Initiatives an accepted ask can become a need of: the running ones and ideas."""
    return Initiative.objects.filter(
        collective=access.collective, status__in=["idee", "loopt"]
    ).order_by("title")


def resident_for_builder(access: CollectiveAccess, pk: int) -> Resident:
    if not access.is_builder:
        raise Http404
    return get_object_or_404(
        Resident.objects.filter(collective=access.collective, erased_at__isnull=True), pk=pk
    )

"""Reads of initiatives and their needs, the choices their forms offer, and "Wie kan helpen?"."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from kring import matching
from kring.assets.models import Asset, Category
from kring.assets.selectors import visible_assets
from kring.communities.access import CollectiveAccess
from kring.people.models import ConsentPurpose, Resident
from kring.people.selectors import visible_residents

from ..models import (
    GIVER_CATEGORIES,
    Connection,
    Initiative,
    Need,
    NeedStatus,
    PublicTask,
    Question,
)

# Kinds of assets that can help with a need: residents (through their gifts), groups,
# institutions and places.
HELPER_CATEGORIES = [Category.GIFT, Category.ASSOCIATION, Category.INSTITUTION, Category.PLACE]
# A need under "what must an institution do?" ("door instelling") lists institutions and
# associations first; one under "what works with some help?" ("met hulp") lists residents (their
# gifts) first, so a better-worded institution does not push the neighbours down. "Zelf" keeps
# the engine's own order. Residents put first for "met hulp" must fit at least FIRST_SHARE as
# well as the best helper of any kind: a gift that shares only a loosely related word with the
# need should not bury a hall that has the kitchen and the room the need asks for. Under "door
# instelling" the institutions and associations always lead: the need asks for them by name
# (softened the same way, the development halves only lost).
FIRST_SHARE = {Question.WITH_HELP: 0.3}
FIRST_FOR_QUESTION = {
    Question.INSTITUTION: [Category.INSTITUTION, Category.ASSOCIATION],
    Question.WITH_HELP: [Category.GIFT],
}
# What the list says of those put first (nothing for residents: their own reasons say it).
FIRST_REASON = {
    Question.INSTITUTION: gettext_lazy("een instelling of vereniging: past bij ‘door instelling’")
}


def seen_residents(access: CollectiveAccess) -> QuerySet[Resident]:
    return (
        visible_residents(access).only("id", "name", "collective_id", "erased_at").order_by("name")
    )


def initiatives_of(access: CollectiveAccess) -> QuerySet[Initiative]:
    return Initiative.objects.filter(collective=access.collective)


def initiative_list(
    access: CollectiveAccess, *, status: str = "", task=None, neighbourhood=None
) -> QuerySet[Initiative]:
    initiatives = (
        initiatives_of(access)
        .select_related("collective", "neighbourhood")
        .defer("neighbourhood__boundary")
        .prefetch_related("tasks")
        .annotate(
            open_needs=Count("needs", filter=Q(needs__status=NeedStatus.OPEN), distinct=True),
            need_count=Count("needs", distinct=True),
        )
        .order_by("-created_at", "-id")
    )
    if status:
        initiatives = initiatives.filter(status=status)
    if task:
        initiatives = initiatives.filter(tasks=task)
    if neighbourhood:
        initiatives = initiatives.filter(neighbourhood=neighbourhood)
    return initiatives


def initiative_detail(access: CollectiveAccess, pk: int) -> Initiative:
    residents = seen_residents(access)
    return get_object_or_404(
        initiatives_of(access)
        .select_related("collective", "neighbourhood", "created_by")
        .defer("neighbourhood__boundary")
        .prefetch_related(
            Prefetch("initiators", queryset=residents),
            Prefetch("participants", queryset=residents),
            Prefetch("assets", queryset=visible_assets(access).order_by("category", "title")),
            "tasks",
        ),
        pk=pk,
    )


def initiative_for_change(access: CollectiveAccess, pk: int) -> Initiative:
    """For buurtmakers editing: every person and asset linked, so nothing is lost on saving."""
    return get_object_or_404(
        initiatives_of(access).prefetch_related("initiators", "participants", "assets", "tasks"),
        pk=pk,
    )


@dataclass
class QuestionGroup:
    question: str
    label: str
    needs: list = field(default_factory=list)


def needs_by_question(initiative: Initiative) -> list[QuestionGroup]:
    """The needs under the three questions, always all three, in their order."""
    groups = {value: QuestionGroup(value, label) for value, label in Question.choices}
    for need in initiative.needs.all():
        groups[need.question].needs.append(need)
    return list(groups.values())


def need_detail(access: CollectiveAccess, pk: int) -> Need:
    return get_object_or_404(
        Need.objects.filter(initiative__collective=access.collective).select_related(
            "initiative", "initiative__collective", "initiative__neighbourhood"
        ),
        pk=pk,
    )


def needs_of(
    access: CollectiveAccess, *, status: str = "", question: str = "", initiative_id=None
) -> QuerySet[Need]:
    """The collective's needs, oldest first, as the initiative pages list them."""
    needs = Need.objects.filter(initiative__collective=access.collective).order_by(
        "created_at", "id"
    )
    if status:
        needs = needs.filter(status=status)
    if question:
        needs = needs.filter(question=question)
    if initiative_id:
        needs = needs.filter(initiative_id=initiative_id)
    return needs


def task_choices() -> QuerySet[PublicTask]:
    return PublicTask.objects.all()


def resident_choices(access: CollectiveAccess) -> QuerySet[Resident]:
    return seen_residents(access)


def asset_choices(access: CollectiveAccess) -> QuerySet[Asset]:
    """Assets an initiative can use: everything but residents' gifts (those are people)."""
    return (
        visible_assets(access)
        .exclude(category=Category.GIFT)
        .only("id", "title", "category", "collective_id")
        .order_by("category", "title")
    )


def place_choices(access: CollectiveAccess) -> QuerySet[Asset]:
    return (
        visible_assets(access)
        .filter(category=Category.PLACE)
        .only("id", "title", "category", "collective_id")
        .order_by("title")
    )


def giver_choices(access: CollectiveAccess) -> QuerySet[Asset]:
    """Organisations that can pledge: the groups, institutions and businesses the viewer sees."""
    return (
        visible_assets(access)
        .filter(category__in=GIVER_CATEGORIES)
        .only("id", "title", "category", "collective_id")
        .order_by("category", "title")
    )


@dataclass(frozen=True)
class Helper:
    """Someone or something that could help with a need, and why."""

    asset: Asset
    resident: Resident | None
    score: float
    reasons: list[str]
    connected: bool
    summary: str = ""  # one sentence a person would write: who, what they offer, which need


def helpers_for_need(access: CollectiveAccess, need: Need, limit: int = 10) -> list[Helper]:
    """ "Wie kan helpen?": the residents, associations, institutions and places of the collective
    that could help with ``need``, best first, each with the reasons why.

    This is the one place where initiatives call the matching engine:
    ``kring.matching.search(collective=, text=, neighbourhood=, limit=, viewer_access=,
    categories=)``, which
    returns matches with ``.asset``, ``.score`` and ``.reasons`` (Dutch). Whatever the engine
    returns, this function keeps only what the viewer may see and, for residents, only those with
    an active consent to be connected ("verbinden"); so a resident without that consent never
    appears here, even if an index is out of step."""

    matches, first_ids = _engine_matches(access, need, limit=limit)
    first_reason = FIRST_REASON.get(need.question)
    assets = _helpable_assets(access, [m.asset.pk for m in matches])
    connected = Connection.objects.filter(need=need)
    connected_residents = set(connected.values_list("other_resident_id", flat=True))
    connected_assets = set(connected.values_list("asset_id", flat=True))
    helpers: list[Helper] = []
    seen_residents: set[int] = set()
    for match in matches:
        asset = assets.get(match.asset.pk)
        if asset is None:
            continue
        if asset.resident_id:
            # One line per resident, at the place of their best-fitting gift.
            if asset.resident_id in seen_residents:
                continue
            seen_residents.add(asset.resident_id)
            is_connected = asset.resident_id in connected_residents
        else:
            is_connected = asset.pk in connected_assets
        reasons = list(match.reasons)
        if first_reason and asset.pk in first_ids:
            reasons.insert(0, str(first_reason))
        helpers.append(
            Helper(
                asset=asset,
                resident=asset.resident,
                score=match.score,
                reasons=reasons,
                connected=is_connected,
                summary=match.summary,
            )
        )
        if len(helpers) == limit:
            break
    return helpers


def _engine_matches(access: CollectiveAccess, need: Need, *, limit: int) -> tuple[list, set[int]]:
    """The engine's matches for the need, and the assets among them that fit its question best
    (those come first, in the engine's order; then the rest, without doubles)."""
    initiative = need.initiative

    def search(categories):
        return matching.search(
            collective=access.collective,
            text=need.text,
            neighbourhood=initiative.neighbourhood,
            limit=limit * 2,
            viewer_access=access,
            categories=categories,
        )

    first = FIRST_FOR_QUESTION.get(need.question)
    every = search(HELPER_CATEGORIES)
    if not first:
        return every, set()
    return first_for_question(search(first), every, FIRST_SHARE.get(need.question, 0.0))


def first_for_question(first: list, every: list, share: float) -> tuple[list, set[int]]:
    """The matches of the kinds a need's question asks for (``first``, in the engine's order),
    those that fit at least ``share`` as well as the best of ``every`` kind leading, then the
    rest of ``every`` in the engine's order, without doubles; and the ids of those that lead."""
    best = max((match.score for match in every), default=0.0)
    lead = [match for match in first if match.score >= share * best]
    lead_ids = {match.asset.pk for match in lead}
    return lead + [match for match in every if match.asset.pk not in lead_ids], lead_ids


def _helpable_assets(access: CollectiveAccess, ids: list[int]) -> dict[int, Asset]:
    """Of the matched assets, those the viewer sees, and gifts only of residents who consented
    to be connected ("verbinden")."""
    allowed = set(
        visible_assets(access)
        .filter(pk__in=ids, category__in=HELPER_CATEGORIES)
        .filter(
            ~Q(category=Category.GIFT)
            | Q(resident__in=Resident.objects.with_consent(ConsentPurpose.MATCHING))
        )
        .values_list("pk", flat=True)
    )
    return {
        a.pk: a
        for a in Asset.objects.filter(pk__in=allowed)
        .select_related("resident", "neighbourhood", "collective")
        .defer("neighbourhood__boundary")
    }

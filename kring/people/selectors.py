"""Every read of residents goes through here, scoped to the acting member."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess
from kring.core.choices import Visibility
from kring.core.compiled import CompiledQuery, as_prefetched, one_in_collective
from kring.core.related import with_related

from .models import Consent, ConsentPurpose, Conversation, Resident


def visible_residents(access: CollectiveAccess) -> QuerySet[Resident]:
    """Buurtmakers see every resident of their collective; members only those who allowed it."""
    return visible_residents_of(access.collective, builder=access.is_builder)


def visible_residents_of(collective, *, builder: bool) -> QuerySet[Resident]:
    """``visible_residents`` for a collective (or its id) and the reader's role (what a
    compiled query is built from)."""
    # Erased residents are empty shells kept for counts; nobody sees them as people.
    residents = Resident.objects.filter(collective=collective, erased_at__isnull=True)
    if not builder:
        residents = residents.with_consent(ConsentPurpose.MEMBERS)
    return residents


def resident_list(access: CollectiveAccess, *, query: str = "", neighbourhood=None):

    # Gifts are kept by kring.assets, a floor above: reached through the relation it declared
    # (Asset.resident, related_name "gifts"), not by importing it.
    gift_model = Resident._meta.get_field("gifts").related_model
    gifts = gift_model.objects.filter(resident=OuterRef("pk"))
    if not access.is_builder:
        gifts = gifts.exclude(visibility=Visibility.BUILDERS)
    # Subqueries rather than joins with GROUP BY: the page reads 50 rows, not every gift.
    residents = (
        visible_residents(access)
        .select_related("collective", "neighbourhood")
        .defer("neighbourhood__boundary")
        .annotate(
            gift_count=Coalesce(
                Subquery(gifts.values("resident").annotate(n=Count("id")).values("n")), 0
            ),
            last_spoken=Subquery(
                Conversation.objects.filter(resident=OuterRef("pk"))
                .order_by("-held_on")
                .values("held_on")[:1]
            ),
        )
        .order_by("name", "pk")
    )
    if query:
        residents = residents.filter(name__icontains=query)
    if neighbourhood:
        residents = residents.filter(neighbourhood=neighbourhood)
    return residents


def list_rows(residents: QuerySet[Resident]) -> QuerySet[Resident]:
    """The resident list's rows with only the columns they show (kring.people.templatetags):
    not every resident's contact details and the collective. The buurt's name is read by a
    subquery (kring.core.related), which PostgreSQL runs for the fifty rows of the page only,
    where a join was made for every match before the sort by name (2,500 in a search that
    matches the whole collective)."""
    return with_related(
        residents.select_related(None).only("id", "name", "neighbourhood"),
        {"neighbourhood": ("name",)},
    )


def resident_detail(access: CollectiveAccess, pk: int) -> Resident:
    return get_object_or_404(
        visible_residents(access)
        .select_related("neighbourhood", "collective", "created_by")
        .defer("neighbourhood__boundary")
        .prefetch_related(
            Prefetch("consents", queryset=Consent.objects.select_related("recorded_by")),
            Prefetch("conversations", queryset=Conversation.objects.select_related("held_by")),
        ),
        pk=pk,
    )


# A resident's page, asked for with every miss of its kept body: the resident with the name of
# their buurt, their consents and conversations with the names of who recorded and held them;
# compiled to SQL once per connection and role (kring.core.compiled).
_PAGE_RESIDENT = {
    builder: CompiledQuery(
        lambda collective, pk, builder=builder: (
            visible_residents_of(collective, builder=builder)
            .filter(pk=pk)
            .select_related("neighbourhood")
            .only(*(f.name for f in Resident._meta.concrete_fields), "neighbourhood__name")
        ),
        collective=int,
        pk=int,
    )
    for builder in (True, False)
}
_PAGE_CONSENTS = CompiledQuery(
    lambda resident: (
        Consent.objects.filter(resident=resident)
        .select_related("recorded_by")
        .only(*(f.name for f in Consent._meta.concrete_fields), "recorded_by__name")
    ),
    resident=int,
)
_PAGE_CONVERSATIONS = CompiledQuery(
    lambda resident: (
        Conversation.objects.filter(resident=resident)
        .select_related("held_by")
        .only(*(f.name for f in Conversation._meta.concrete_fields), "held_by__name")
    ),
    resident=int,
)


def resident_for_page(access: CollectiveAccess, pk: int) -> Resident:
    """A resident as their page shows them: ``resident_detail`` with only the names of the
    buurt and of who recorded a consent or held a conversation, the collective the one asked
    about (not read again for each link)."""
    resident = one_in_collective(_PAGE_RESIDENT[access.is_builder], access.collective, pk)
    as_prefetched(resident, "consents", _PAGE_CONSENTS.run(resident=resident.pk))
    as_prefetched(resident, "conversations", _PAGE_CONVERSATIONS.run(resident=resident.pk))
    return resident


def recent_conversations(access: CollectiveAccess, *, limit: int = 5) -> list[Conversation]:
    """Who was last spoken to: the buurtmakers' working list."""
    if not access.is_builder:
        return []
    conversations = list(
        Conversation.objects.filter(collective=access.collective)
        .select_related("resident", "held_by")
        .only(
            "id",
            "held_on",
            "resident__collective",
            "resident__name",
            "resident__erased_at",
            "held_by__name",
        )
        .order_by("-held_on", "-created_at")[:limit]
    )
    # The residents are of the collective asked about: not read again for each link.
    for conversation in conversations:
        if conversation.resident and conversation.resident.collective_id == access.collective.pk:
            conversation.resident.collective = access.collective
    return conversations


def resident_choices(access: CollectiveAccess) -> QuerySet[Resident]:
    """Residents a buurtmaker can pick for a new gift or conversation."""
    return visible_residents(access).only("id", "name", "erased_at").order_by("name")

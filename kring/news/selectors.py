"""Who receives a message, always inside the asking collective."""

from dataclasses import dataclass

from django.db.models import QuerySet

from kring.assets.models import Tag
from kring.communities.access import CollectiveAccess
from kring.core import bulkmail
from kring.core.models import User
from kring.people.models import ConsentPurpose, Resident

from .models import Audience, Message, OptOut


@dataclass
class Recipients:
    residents: list[Resident]  # with an e-mail address
    members: list[User]
    on_paper: list[Resident]  # consented, but without an e-mail address

    @property
    def by_mail(self) -> int:
        return len(self.residents) + len(self.members)


def messages(access: CollectiveAccess) -> QuerySet:
    return Message.objects.filter(collective=access.collective).select_related("created_by")


def message(access: CollectiveAccess, pk: int) -> Message:
    return messages(access).get(pk=pk)


def tag_choices(access: CollectiveAccess) -> QuerySet:
    """Labels on the collective's gifts: the interests a message can be narrowed to."""
    return (
        Tag.objects.filter(collective=access.collective, assets__category="gift")
        .distinct()
        .order_by("name")
    )


def _narrowed(residents: QuerySet, message: Message) -> QuerySet:
    buurten = list(message.neighbourhoods.values_list("pk", flat=True))
    tags = list(message.tags.values_list("pk", flat=True))
    if buurten:
        residents = residents.filter(neighbourhood__in=buurten)
    if tags:
        residents = residents.filter(gifts__tags__in=tags)
    return residents.distinct()


def recipients(access: CollectiveAccess, message: Message) -> Recipients:
    """Residents with consent for the collective's news (narrowed by buurt and label) and, when
    chosen, members with a log-in who did not opt out. Members are narrowed through their own
    resident record, if they have one; one address gets one mail."""
    collective = access.collective
    if message.collective_id != collective.pk:
        raise ValueError("message of another collective")
    consented = _narrowed(
        Resident.objects.filter(collective=collective, erased_at__isnull=True).with_consent(
            ConsentPurpose.NEWS
        ),
        message,
    ).order_by("name", "pk")
    # Narrowing by several labels or buurten joins rows: each resident once.
    consented = consented.distinct()
    residents, on_paper = [], []
    if message.audience in (Audience.RESIDENTS, Audience.BOTH):
        for resident in consented:
            (residents if resident.email else on_paper).append(resident)
    members = []
    if message.audience in (Audience.MEMBERS, Audience.BOTH):
        users = User.objects.filter(memberships__collective=collective, is_active=True).exclude(
            pk__in=OptOut.objects.filter(collective=collective).values("user_id")
        )
        if message.neighbourhoods.exists() or message.tags.exists():
            users = users.filter(
                resident__in=_narrowed(
                    Resident.objects.filter(collective=collective, erased_at__isnull=True),
                    message,
                )
            )
        taken = {r.email.lower() for r in residents}
        for user in users.order_by("name", "pk"):
            if user.email and user.email.lower() not in taken:
                taken.add(user.email.lower())
                members.append(user)
    return Recipients(residents=residents, members=members, on_paper=on_paper)


def report(message: Message) -> dict:
    return bulkmail.report(message.deliveries.all())


def delivery_rows(message: Message) -> QuerySet:
    return message.deliveries.select_related("resident", "user").order_by("status", "pk")

"""Every change residents make through their own door, and the buurtmakers' answers to it.
Gifts, consent, needs and connections are changed through their own apps' services."""

from django.db import transaction
from django.utils import timezone

from kring.assets import services as asset_services
from kring.assets.models import Asset, Availability, Category
from kring.communities.access import CollectiveAccess
from kring.core.choices import Source, Visibility
from kring.core.locking import bump_version, check_version
from kring.initiatives import services as initiative_services
from kring.initiatives.models import Connection, ConnectionKind, Initiative, NeedStatus, Question
from kring.people import services as people_services
from kring.people.models import ConsentMethod, ConsentPurpose, Resident
from kring.privacy import audit

from .door import send_link_mail
from .models import Ask, AskStatus, GiftOffer, HelpOffer, ProposalStatus
from .signals import announce_asks


class NeedsConsent(Exception):
    """The resident withdrew the consent this needs (to keep gifts: "inventaris")."""


def _own(access: CollectiveAccess, resident: Resident) -> None:
    if resident.collective_id != access.collective.pk or resident.user_id != access.user.pk:
        raise ValueError("not this log-in's own record")
    if resident.erased_at:
        raise ValueError("erased")


def _log(access, action, target, resident, summary):
    audit.record(
        actor=access.user,
        collective=access.collective,
        action=action,
        target=target,
        subject=resident,
        summary=summary,
    )


def _gift_visibility(resident: Resident) -> str:
    purposes = resident.active_purposes()
    return Visibility.MEMBERS if ConsentPurpose.MEMBERS in purposes else Visibility.BUILDERS


def _make_gift(access: CollectiveAccess, offer: GiftOffer) -> Asset:
    resident = offer.resident
    if ConsentPurpose.INVENTORY not in resident.active_purposes():
        raise NeedsConsent
    asset = Asset(
        category=Category.GIFT,
        resident=resident,
        gift_kind=offer.gift_kind,
        title=offer.title,
        description=offer.description,
        availability=Availability.NOW,
        neighbourhood=resident.neighbourhood,
        visibility=_gift_visibility(resident),
        source=Source.MANUAL,
    )
    return asset_services.create_asset(access=access, asset=asset)


# The resident ---------------------------------------------------------------------------------


@transaction.atomic
def offer_gift(
    *, access: CollectiveAccess, resident: Resident, gift_kind: str, title: str, description: str
) -> GiftOffer:
    """A gift the resident offers: a proposal for a buurtmaker, or at once a gift when the
    collective lets residents' gifts go live directly."""
    _own(access, resident)
    if ConsentPurpose.INVENTORY not in resident.active_purposes():
        raise NeedsConsent
    offer = GiftOffer.objects.create(
        collective=access.collective,
        resident=resident,
        gift_kind=gift_kind,
        title=title,
        description=description,
    )
    _log(access, audit.Action.CREATE, offer, resident, "gift offered by the resident")
    if access.collective.residents_post_directly:
        offer.asset = _make_gift(access, offer)
        offer.status, offer.reviewed_at = ProposalStatus.ACCEPTED, timezone.now()
        offer.save(update_fields=["asset", "status", "reviewed_at"])
    return offer


@transaction.atomic
def update_my_gift(
    *, access: CollectiveAccess, resident: Resident, gift: Asset, expected_version: int | None
) -> Asset:
    """The resident corrects or pauses their own gift ("nu even niet")."""
    _own(access, resident)
    if gift.resident_id != resident.pk or gift.category != Category.GIFT:
        raise ValueError("not this resident's gift")
    return asset_services.update_asset(access=access, asset=gift, expected_version=expected_version)


@transaction.atomic
def remove_my_gift(*, access: CollectiveAccess, resident: Resident, gift: Asset) -> None:
    _own(access, resident)
    if gift.resident_id != resident.pk or gift.category != Category.GIFT:
        raise ValueError("not this resident's gift")
    asset_services.delete_asset(access=access, asset=gift)


@transaction.atomic
def set_my_consents(
    *,
    access: CollectiveAccess,
    resident: Resident,
    purposes: set[str],
    expected_version: int | None,
) -> Resident:
    """Given and withdrawn at once, recorded as done by the resident, digitally."""
    _own(access, resident)
    return people_services.set_consents(
        access=access,
        resident=resident,
        purposes=purposes,
        method=ConsentMethod.DIGITAL,
        expected_version=expected_version,
    )


@transaction.atomic
def post_ask(
    *, access: CollectiveAccess, resident: Resident, text: str, details: str, neighbourhood
) -> Ask:
    _own(access, resident)
    ask = Ask.objects.create(
        collective=access.collective,
        resident=resident,
        text=" ".join(text.split()),
        details=details.strip(),
        neighbourhood=neighbourhood or resident.neighbourhood,
        status=AskStatus.OPEN if access.collective.residents_post_directly else AskStatus.PROPOSED,
    )
    _log(access, audit.Action.CREATE, ask, resident, f"ask posted ({ask.status})")
    if ask.status == AskStatus.OPEN:
        announce_asks([ask])
    return ask


@transaction.atomic
def close_my_ask(*, access: CollectiveAccess, resident: Resident, ask: Ask) -> Ask:
    _own(access, resident)
    if ask.resident_id != resident.pk:
        raise ValueError("not this resident's ask")
    bump_version(ask)
    ask.status = AskStatus.CLOSED
    ask.save(update_fields=["status", "version"])
    _log(access, audit.Action.CHANGE, ask, resident, "ask closed by the resident")
    return ask


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def offer_help(
    *, access: CollectiveAccess, resident: Resident, ask: Ask, message: str = ""
) -> HelpOffer:
    """ "Ik help mee": the resident answers a neighbour's open ask."""
    _own(access, resident)
    ask = Ask.objects.select_for_update().get(pk=ask.pk)
    if ask.collective_id != access.collective.pk or ask.resident_id == resident.pk:
        raise ValueError("not an ask this resident can answer")
    if ask.status != AskStatus.OPEN:
        raise ValueError("ask is not open")
    if HelpOffer.objects.filter(ask=ask, resident=resident).exists():
        raise AlreadyAnswered
    offer = HelpOffer.objects.create(ask=ask, resident=resident, message=message.strip())
    _log(access, audit.Action.CREATE, offer, resident, f"offered help with ask {ask.pk}")
    return offer


# Buurtmakers ----------------------------------------------------------------------------------


def _builder(access: CollectiveAccess, obj) -> None:
    if not access.is_builder:
        raise PermissionError("buurtmakers only")
    if obj.collective_id != access.collective.pk:
        raise ValueError("another collective")


@transaction.atomic
def accept_gift_offer(*, access: CollectiveAccess, offer: GiftOffer) -> GiftOffer:
    _builder(access, offer)
    offer = GiftOffer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != ProposalStatus.PROPOSED:
        return offer
    offer.asset = _make_gift(access, offer)
    offer.status, offer.reviewed_by, offer.reviewed_at = (
        ProposalStatus.ACCEPTED,
        access.user,
        timezone.now(),
    )
    offer.save(update_fields=["asset", "status", "reviewed_by", "reviewed_at"])
    return offer


@transaction.atomic
def decline_gift_offer(*, access: CollectiveAccess, offer: GiftOffer) -> GiftOffer:
    _builder(access, offer)
    offer.status, offer.reviewed_by, offer.reviewed_at = (
        ProposalStatus.DECLINED,
        access.user,
        timezone.now(),
    )
    offer.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    _log(access, audit.Action.CHANGE, offer, offer.resident_id, "gift offer declined")
    return offer


@transaction.atomic
def accept_ask(
    *,
    access: CollectiveAccess,
    ask: Ask,
    initiative: Initiative | None = None,
    expected_version: int | None = None,
) -> Ask:
    """The ask goes open: as a need of ``initiative`` (under "Wat lukt met wat hulp?") or as a
    standalone burenhulp ask."""
    _builder(access, ask)
    check_version(ask, expected_version)
    if ask.status != AskStatus.PROPOSED:
        return ask
    if initiative is not None:
        [ask.need] = initiative_services.add_needs(
            access=access, initiative=initiative, question=Question.WITH_HELP, texts=[ask.text]
        )
    ask.status, ask.reviewed_by, ask.reviewed_at = AskStatus.OPEN, access.user, timezone.now()
    ask.save(update_fields=["need", "status", "reviewed_by", "reviewed_at", "version"])
    _log(access, audit.Action.CHANGE, ask, ask.resident_id, "ask accepted")
    announce_asks([ask])  # a standalone ask; one of an initiative is announced as its need
    return ask


@transaction.atomic
def decline_ask(*, access: CollectiveAccess, ask: Ask, expected_version: int | None = None) -> Ask:
    _builder(access, ask)
    check_version(ask, expected_version)
    ask.status, ask.reviewed_by, ask.reviewed_at = AskStatus.DECLINED, access.user, timezone.now()
    ask.save(update_fields=["status", "reviewed_by", "reviewed_at", "version"])
    _log(access, audit.Action.CHANGE, ask, ask.resident_id, "ask declined")
    return ask


@transaction.atomic
def connect_helper(*, access: CollectiveAccess, help_offer: HelpOffer) -> Connection:
    """One click: the asker and the neighbour who offered help are connected; the connections
    log records it as burenhulp, and the ask (and its need) counts as found."""
    help_offer = HelpOffer.objects.select_for_update().select_related("ask").get(pk=help_offer.pk)
    ask = help_offer.ask
    _builder(access, ask)
    if help_offer.connection_id:
        return help_offer.connection
    need = ask.need
    connection = initiative_services.record_connection(
        access=access,
        connection=Connection(
            resident=ask.resident,
            other_resident=help_offer.resident,
            kind=ConnectionKind.NEIGHBOUR_HELP,
            happened_on=timezone.localdate(),
            need=need,
            initiative=need.initiative if need else None,
        ),
    )
    help_offer.connection = connection
    help_offer.save(update_fields=["connection"])
    bump_version(ask)
    ask.status = AskStatus.FOUND
    ask.save(update_fields=["status", "version"])
    if need is not None and need.status == NeedStatus.OPEN:
        initiative_services.set_need_status(access=access, need=need, status=NeedStatus.FOUND)
    return connection


def invite_resident(*, access: CollectiveAccess, resident: Resident, language: str) -> int:
    """A buurtmaker sends the resident their log-in link (after a gift conversation). Returns
    how many records the link opens: 0 without an e-mail address or consent."""
    if not access.is_builder or resident.collective_id != access.collective.pk:
        raise PermissionError("buurtmakers of the resident's collective only")
    opens = send_link_mail(email=resident.email, language=language, by_builder=access.user.name)
    if opens:
        _log(access, audit.Action.CHANGE, resident, resident, "log-in link sent by a buurtmaker")
    return opens

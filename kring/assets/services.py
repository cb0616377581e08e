"""Every change to assets: one function each, keyword-only, one transaction."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.core.choices import Source, Visibility
from kring.core.locking import check_version
from kring.people import services as people_services
from kring.people.models import ConsentPurpose, ConversationMethod, Resident

from . import counts
from .models import Asset, Availability, Category, Tag
from .placing import place_asset
from .signals import assets_saved

# A label is at most as long as Tag.name; the API takes at most MAX_TAGS per asset, and the
# form's text field holds that many of the longest.
TAG_LENGTH = 50
MAX_TAGS = 30


def parse_tags(text: str) -> list[str]:
    """'Fietsen, techniek,, fietsen' -> ['fietsen', 'techniek']: lower case, no doubles."""
    names: list[str] = []
    for part in (text or "").split(","):
        name = " ".join(part.split()).lower()[:TAG_LENGTH]
        if name and name not in names:
            names.append(name)
    return names


def _set_tags(asset: Asset, names: list[str]) -> None:
    existing = {t.name: t for t in Tag.objects.filter(collective=asset.collective, name__in=names)}
    missing = [Tag(collective=asset.collective, name=n) for n in names if n not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    asset.tags.set(Tag.objects.filter(collective=asset.collective, name__in=names))


def set_tellers(*, access: CollectiveAccess, asset: Asset, tellers) -> None:
    """Name the residents whose story this is. Only a story names tellers, and only residents
    of the story's own collective who are not erased; anything else is refused, whatever sent
    it. Naming a resident (or no longer naming them) is personal data: it is logged per
    resident, so their inzage shows it."""

    wanted = {getattr(t, "pk", t) for t in tellers or ()}
    if wanted and asset.category != Category.STORY:
        raise ValueError("only a story has tellers")
    allowed = set(
        Resident.objects.filter(
            pk__in=wanted, collective_id=asset.collective_id, erased_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if allowed != wanted:
        raise ValueError("a teller belongs to another collective or was erased")
    current = set(asset.tellers.values_list("pk", flat=True))
    added, removed = wanted - current, current - wanted
    if removed:
        asset.tellers.remove(*removed)
    if added:
        asset.tellers.add(*added)
    for action, ids, what in (
        (audit.Action.CHANGE, added, "named as teller of story"),
        (audit.Action.DELETE, removed, "no longer teller of story"),
    ):
        if ids:
            audit.record_many(
                actor=access.user,
                collective=access.collective,
                action=action,
                target=asset,
                subjects=ids,
                summary=f"{what} {asset.pk}",
            )


def _audit_gift(access: CollectiveAccess, asset: Asset, action: str) -> None:
    # A gift says something about one resident: that is personal data.
    if asset.category == Category.GIFT:
        audit.record(
            actor=access.user,
            collective=access.collective,
            action=action,
            target=asset,
            summary=f"gift of resident {asset.resident_id}",
        )


@transaction.atomic
def create_asset(
    *, access: CollectiveAccess, asset: Asset, tags: list[str] = (), tellers=()
) -> Asset:
    """Save a new asset built by a form; the collective and author come from who acts.
    ``tellers``: the residents whose story it is (stories only, same collective)."""
    asset.collective = access.collective
    asset.created_by = access.user
    asset.updated_by = access.user
    asset._history_user = access.user
    place_asset(access=access, asset=asset)
    # The collective and the authors are who acts, read with the request: not looked up again.
    asset.full_clean(exclude=["collective", "created_by", "updated_by"])
    asset.save()
    # A new asset has no tags or tellers yet: only names given are set (a query each).
    if tags:
        _set_tags(asset, list(tags))
    if tellers:
        set_tellers(access=access, asset=asset, tellers=tellers)
    assets_saved.send(sender=Asset, asset_ids=[asset.pk])
    counts.forget(access.collective)
    _audit_gift(access, asset, audit.Action.CREATE)
    return asset


@transaction.atomic
def update_asset(
    *,
    access: CollectiveAccess,
    asset: Asset,
    tags: list[str] | None = None,
    tellers=None,
    expected_version: int | None = None,
) -> Asset:
    """Save changes; with ``expected_version`` (from the edit form) a change someone else saved
    meanwhile raises kring.core.locking.EditConflict instead of being overwritten. ``tags`` and
    ``tellers`` left at None stay as they are."""
    if asset.collective_id != access.collective.pk:
        raise ValueError("asset belongs to another collective")
    check_version(asset, expected_version)
    place_asset(access=access, asset=asset)
    asset.updated_by = access.user
    asset._history_user = access.user
    asset.save()
    if tags is not None:
        _set_tags(asset, list(tags))
    if tellers is not None:
        set_tellers(access=access, asset=asset, tellers=tellers)
    assets_saved.send(sender=Asset, asset_ids=[asset.pk])
    counts.forget(access.collective)
    _audit_gift(access, asset, audit.Action.CHANGE)
    return asset


@transaction.atomic
def delete_asset(*, access: CollectiveAccess, asset: Asset) -> None:
    if asset.collective_id != access.collective.pk:
        raise ValueError("asset belongs to another collective")
    _audit_gift(access, asset, audit.Action.DELETE)
    asset._history_user = access.user
    asset.delete()
    counts.forget(access.collective)


@dataclass
class GiftInput:
    kind: str
    title: str


@transaction.atomic
def create_gifts(
    *,
    access: CollectiveAccess,
    resident,
    gifts: list[GiftInput],
    availability: str,
    visibility: str,
    source: str,
) -> list[Asset]:
    """The gifts a resident named (in a gaven-gesprek): one asset each, in the resident's buurt,
    each logged as personal data."""
    created = []
    for gift in gifts:
        asset = Asset(
            collective=access.collective,
            category=Category.GIFT,
            resident=resident,
            gift_kind=gift.kind,
            title=gift.title,
            availability=availability or Availability.NOW,
            neighbourhood=resident.neighbourhood,
            visibility=visibility,
            source=source,
            created_by=access.user,
            updated_by=access.user,
        )
        asset._history_user = access.user
        asset.save()
        _audit_gift(access, asset, audit.Action.CREATE)
        created.append(asset)
    assets_saved.send(sender=Asset, asset_ids=[asset.pk for asset in created])
    counts.forget(access.collective)
    return created


@transaction.atomic
def delete_gifts_of(*, access: CollectiveAccess, resident) -> int:
    """Delete a resident's gifts (their consent for the inventory was withdrawn); the history
    shows who did. Returns how many went."""
    gifts = list(Asset.objects.filter(resident=resident, category=Category.GIFT))
    for gift in gifts:
        gift._history_user = access.user
        gift.delete()
    counts.forget(access.collective)
    return len(gifts)


def delete_for_erasure(*, actor, assets: list[Asset]) -> None:
    """Delete assets that are a resident's personal data (kring.privacy's erasure, inside its
    transaction); the history shows the acting user, or nobody for the retention task."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    for asset in assets:
        asset._history_user = user
        asset.delete()


@transaction.atomic
def record_gift_conversation(
    *,
    access: CollectiveAccess,
    resident: Resident,
    gifts: list[GiftInput],
    availability: str,
    purposes: set[str],
    consent_method: str,
    held_on: date,
    method: str,
):
    """The result of a gaven-gesprek: the resident (new or known), their consent, their gifts
    and the conversation itself, all or nothing. The resident, consent and conversation are
    written by their owner, ``kring.people``."""
    if gifts and ConsentPurpose.INVENTORY not in purposes:
        raise ValueError("gifts need consent for the inventory")
    source = Source.PAPER if method == ConversationMethod.PAPER else Source.CONVERSATION
    if resident.pk is None:
        resident.source = source
        people_services.create_resident(access=access, resident=resident)
    elif resident.collective_id != access.collective.pk:
        raise ValueError("resident belongs to another collective")
    people_services.set_consents(
        access=access,
        resident=resident,
        purposes=purposes,
        method=consent_method,
        given_at=timezone.now(),
    )
    conversation = people_services.record_conversation(
        access=access, resident=resident, held_on=held_on, method=method
    )
    create_gifts(
        access=access,
        resident=resident,
        gifts=gifts,
        availability=availability,
        visibility=Visibility.MEMBERS
        if ConsentPurpose.MEMBERS in purposes
        else Visibility.BUILDERS,
        source=source,
    )
    return conversation


def on_consents_set(sender, *, access: CollectiveAccess, resident, purposes: set[str], **kwargs):
    """``kring.people.signals.consents_set``: without consent for the inventory the resident's
    gifts are not kept; what members see depends on consent, so the kept counts go."""
    if ConsentPurpose.INVENTORY not in purposes:
        delete_gifts_of(access=access, resident=resident)
    counts.forget(access.collective)

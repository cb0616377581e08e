"""Finding the residents whose gifts fit a new ask (a need of an initiative or a standalone
burenhulp ask) and keeping a notice item for each."""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from kring.initiatives.models import Need, NeedStatus
from kring.matching import search
from kring.people.models import ConsentPurpose, Resident
from kring.residents.models import Ask, AskStatus

from ..models import (
    NoticeItem,
    Rhythm,
    Scope,
)

log = logging.getLogger(__name__)


def _subscribers(collective_id: int) -> dict[int, tuple[str, int | None]]:
    """Residents of the collective who want notices and may get them now: resident number ->
    (scope, buurt). One query."""
    rows = (
        Resident.objects.filter(
            collective_id=collective_id,
            erased_at__isnull=True,
            notice_preference__isnull=False,
        )
        .exclude(email="")
        .exclude(notice_preference__rhythm=Rhythm.OFF)
        .with_consent(ConsentPurpose.MATCHING)
        .values_list("pk", "notice_preference__scope", "neighbourhood_id")
    )
    return {pk: (scope, buurt) for pk, scope, buurt in rows}


@dataclass(frozen=True)
class _Asked:
    """What the engine is asked about one new ask: a need of an initiative or a neighbour's
    standalone burenhulp ask, told the same way."""

    collective: object
    text: str
    buurt: int | None
    asker_id: int | None  # the resident who asked: never told of their own ask
    item: dict  # need=… or ask=…


def _fits(asked_list) -> list[NoticeItem]:
    per_need = settings.KRING_NOTICES_PER_NEED
    depth = max(per_need * 8, 100)
    by_collective: dict[int, list[_Asked]] = defaultdict(list)
    for asked in asked_list:
        by_collective[asked.collective.pk].append(asked)
    now = timezone.now()
    items: list[NoticeItem] = []
    for collective_id, its_asks in by_collective.items():
        subscribers = _subscribers(collective_id)
        if not subscribers:
            continue
        for asked in its_asks:
            told: set[int] = set()
            for match in search(
                collective=asked.collective,
                text=asked.text,
                neighbourhood=asked.buurt,
                limit=depth,
                categories=["gift"],
            ):
                resident_id = match.asset.resident_id
                if resident_id in told or resident_id not in subscribers:
                    continue
                if resident_id == asked.asker_id:
                    continue
                scope, home = subscribers[resident_id]
                if scope == Scope.BUURT and (asked.buurt is None or home != asked.buurt):
                    continue
                told.add(resident_id)
                items.append(
                    NoticeItem(
                        resident_id=resident_id,
                        asset=match.asset,
                        reason="; ".join(match.reasons)[:300],
                        found_at=now,
                        **asked.item,
                    )
                )
                if len(told) >= per_need:
                    break
    return items


def find_fits(needs) -> list[NoticeItem]:
    """For each new need, the subscribed residents whose gifts fit it, best first, with the
    matching engine's reason: one search per need (not one per resident), and one query for
    a collective's subscribers. A resident who chose "mijn buurt" hears only of asks of an
    initiative in their buurt. At most KRING_NOTICES_PER_NEED residents per need. A need made
    from a resident's own ask is not told to that resident."""
    needs = [need for need in needs if need.status == NeedStatus.OPEN]
    askers = dict(
        Ask.objects.filter(need__in=needs).values_list("need_id", "resident_id") if needs else ()
    )
    return _fits(
        _Asked(
            collective=need.initiative.collective,
            text=need.text,
            buurt=need.initiative.neighbourhood_id,
            asker_id=askers.get(need.pk),
            item={"need": need},
        )
        for need in needs
    )


def find_ask_fits(asks) -> list[NoticeItem]:
    """The same for neighbours' standalone burenhulp asks: matched on what the neighbour
    wrote (the ask and its explanation), in the ask's buurt; the asker is never told of their
    own ask. Only asks still open, of a resident who was not erased."""
    return _fits(
        _Asked(
            collective=ask.collective,
            text=f"{ask.text} {ask.details}".strip(),
            buurt=ask.neighbourhood_id,
            asker_id=ask.resident_id,
            item={"ask": ask},
        )
        for ask in asks
        if ask.status == AskStatus.OPEN and ask.need_id is None and ask.text
    )


def prepare_notices(*, need_ids=(), ask_ids=()) -> int:
    """Find the residents the new needs and standalone asks fit and keep what waits for their
    next mail; running it again for the same asks adds nothing (one item per resident and
    ask)."""
    needs = list(
        Need.objects.filter(pk__in=list(need_ids)).select_related("initiative__collective")
    )
    asks = list(
        Ask.objects.filter(pk__in=list(ask_ids), resident__erased_at__isnull=True).select_related(
            "collective"
        )
    )
    items = find_fits(needs) + find_ask_fits(asks)
    NoticeItem.objects.bulk_create(items, ignore_conflicts=True, batch_size=500)
    log.info("notices: %d needs, %d asks, %d fitting residents", len(needs), len(asks), len(items))
    return len(items)

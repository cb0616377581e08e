"""Every change notices make: preferences, finding the residents a new ask fits, sending
(claimed before it is sent, so never twice), and the follow-up of connections. One function
each, keyword-only arguments; anything about a resident writes the audit log."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from kring.initiatives.models import Connection, ConnectionKind, Need, NeedStatus
from kring.initiatives.services import record_outcome
from kring.matching import search
from kring.people.models import ConsentPurpose, Resident
from kring.privacy import audit
from kring.residents.models import Ask, AskStatus

from . import mail
from .models import (
    ChangedBy,
    DeliveryStatus,
    FollowUp,
    FollowUpChannel,
    NoticeDelivery,
    NoticeItem,
    NoticePreference,
    NoticeSettings,
    Rhythm,
    Scope,
)

log = logging.getLogger(__name__)

PREFERENCE_SALT = "kring.notices.preference"
FOLLOWUP_SALT = "kring.notices.followup"
# Connections are followed up when they are this many days old at most past the chosen number
# of days, so switching notices on does not ask about every connection of past years.
FOLLOWUP_WINDOW_DAYS = 30
FOLLOWED_KINDS = (ConnectionKind.INTRODUCED, ConnectionKind.NEIGHBOUR_HELP)


# --- Signed links ---------------------------------------------------------------------------


def preference_token(resident: Resident) -> str:
    """The signed part of the links in every mail (change the rhythm, unsubscribe): it names
    the resident, so no log-in is needed, and cannot be made for another resident."""
    return signing.dumps(resident.pk, salt=PREFERENCE_SALT, compress=True)


def resident_for_token(token: str) -> Resident | None:
    try:
        pk = signing.loads(token, salt=PREFERENCE_SALT)
    except signing.BadSignature:
        return None
    return (
        Resident.objects.select_related("collective").filter(pk=pk, erased_at__isnull=True).first()
    )


def followup_token(followup: FollowUp) -> str:
    return signing.dumps(followup.pk, salt=FOLLOWUP_SALT, compress=True)


def followup_for_token(token: str) -> FollowUp | None:
    try:
        pk = signing.loads(token, salt=FOLLOWUP_SALT)
    except signing.BadSignature:
        return None
    return (
        FollowUp.objects.select_related(
            "connection__collective",
            "connection__initiative",
            "connection__need",
            "resident",
        )
        .filter(pk=pk, resident__erased_at__isnull=True)
        .first()
    )


# --- Preferences ----------------------------------------------------------------------------


@transaction.atomic
def set_preference(
    *, resident: Resident, rhythm: str, scope: str, changed_by: str, actor=None
) -> NoticePreference:
    """Save how often (and about which asks) the resident hears; by the resident through a
    signed link, or by a buurtmaker who noted the resident's say-so. "Geen berichten" also drops
    what was waiting for the next mail."""
    if rhythm not in Rhythm.values or scope not in Scope.values:
        raise ValueError(f"unknown rhythm {rhythm!r} or scope {scope!r}")
    if changed_by not in ChangedBy.values:
        raise ValueError(f"unknown changed_by {changed_by!r}")
    preference, _created = NoticePreference.objects.update_or_create(
        resident=resident,
        defaults={
            "rhythm": rhythm,
            "scope": scope,
            "changed_by": changed_by,
            "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
            "changed_at": timezone.now(),
        },
    )
    if rhythm == Rhythm.OFF:
        NoticeItem.objects.filter(resident=resident, delivery__isnull=True).delete()
    audit.record(
        actor=actor,
        collective=resident.collective_id,
        action=audit.Action.CHANGE,
        target=preference,
        subject=resident,
        summary=f"notices {rhythm} {scope} ({changed_by})",
    )
    return preference


@transaction.atomic
def set_followup_days(*, collective, days: int) -> NoticeSettings:
    if not 1 <= days <= 90:
        raise ValueError("days must be between 1 and 90")
    found, _created = NoticeSettings.objects.update_or_create(
        collective=collective, defaults={"followup_days": days}
    )
    return found


# --- Finding who a new ask fits -------------------------------------------------------------


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


# --- Sending --------------------------------------------------------------------------------


def digest_moment(rhythm: str, now: datetime.datetime) -> datetime.datetime | None:
    """The last moment a digest of this rhythm was due, at or before ``now`` (local time):
    today's (or yesterday's) digest hour, or Monday's for a weekly one."""
    local = timezone.localtime(now)
    moment = local.replace(
        hour=settings.KRING_NOTICES_DIGEST_HOUR, minute=0, second=0, microsecond=0
    )
    if moment > local:
        moment -= datetime.timedelta(days=1)
    if rhythm == Rhythm.WEEKLY:
        moment -= datetime.timedelta(days=moment.weekday())
    return moment


def _period(rhythm: str, moment, first_item: int) -> str:
    if rhythm == Rhythm.DAILY:
        return f"dag-{moment.date().isoformat()}"
    if rhythm == Rhythm.WEEKLY:
        year, week, _day = moment.isocalendar()
        return f"week-{year}-{week:02d}"
    return f"direct-{first_item}"


def _may_receive(resident_id: int) -> bool:
    """Checked when the mail is claimed: consent to "verbinden" (withdrawal stops it at once),
    an address, not erased, and notices still on."""
    return (
        Resident.objects.filter(pk=resident_id, erased_at__isnull=True)
        .exclude(email="")
        .exclude(notice_preference__rhythm=Rhythm.OFF)
        .filter(notice_preference__isnull=False)
        .with_consent(ConsentPurpose.MATCHING)
        .exists()
    )


def _claim(resident_id: int, rhythm: str, now) -> NoticeDelivery | None:
    """Claim this period's mail and the items in it, in one transaction: a second worker finds
    the period taken (or nothing left waiting) and sends nothing."""
    waiting = NoticeItem.objects.filter(resident_id=resident_id, delivery__isnull=True)
    moment = None
    if rhythm != Rhythm.IMMEDIATE:
        moment = digest_moment(rhythm, now)
        waiting = waiting.filter(found_at__lt=moment)
    first = waiting.order_by("pk").values_list("pk", flat=True).first()
    if first is None:
        return None
    period = _period(rhythm, moment, first)
    try:
        with transaction.atomic():
            delivery = NoticeDelivery.objects.create(
                resident_id=resident_id,
                rhythm=rhythm,
                period=period,
                status=DeliveryStatus.CLAIMED,
                claimed_at=now,
            )
            claimed = waiting.filter(delivery__isnull=True).update(delivery=delivery)
            if not claimed:
                raise _NothingLeft
            delivery.asks = claimed
            if not _may_receive(resident_id):
                delivery.status = DeliveryStatus.SKIPPED
            delivery.save(update_fields=["asks", "status"])
    except (IntegrityError, _NothingLeft):
        return None  # another run has this period, or took the items
    return delivery


class _NothingLeft(Exception):
    pass


def _still_open(item: NoticeItem) -> bool:
    """Only asks that still wait for help are told: a need still open, or a neighbour's ask
    still open and not emptied by an erasure."""
    if item.need_id:
        return item.need.status == NeedStatus.OPEN
    ask = item.ask
    return ask.status == AskStatus.OPEN and bool(ask.text) and ask.resident.erased_at is None


def _send_one(delivery: NoticeDelivery, now) -> str:
    items = list(
        delivery.items.select_related(
            "need__initiative__neighbourhood",
            "ask__neighbourhood",
            "ask__resident",
            "asset",
            "resident__collective",
        )
        .defer("need__initiative__neighbourhood__boundary", "ask__neighbourhood__boundary")
        .order_by("found_at", "pk")
    )
    items = [i for i in items if _still_open(i)]
    if delivery.status == DeliveryStatus.SKIPPED or not items:
        NoticeDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED)
        log.info("notice delivery %s to resident %s: skipped", delivery.pk, delivery.resident_id)
        return DeliveryStatus.SKIPPED
    resident = items[0].resident
    try:
        mail.send_notice(resident, items, token=preference_token(resident))
    except Exception:
        # Not sent: free the items and the period, so the next run tries again.
        log.warning(
            "notice delivery %s to resident %s failed", delivery.pk, resident.pk, exc_info=True
        )
        with transaction.atomic():
            NoticeItem.objects.filter(delivery=delivery).update(delivery=None)
            NoticeDelivery.objects.filter(pk=delivery.pk).delete()
        return DeliveryStatus.FAILED
    NoticeDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), asks=len(items)
    )
    log.info(
        "notice delivery %s to resident %s: sent, %d asks", delivery.pk, resident.pk, len(items)
    )
    return DeliveryStatus.SENT


def send_due(*, now=None) -> dict[str, int]:
    """Send every mail that is due: "meteen" at once, daily and weekly digests of what was
    found before their digest moment, each at most once per day or week. Safe to run on
    several workers at the same time."""
    now = now or timezone.now()
    counts: dict[str, int] = defaultdict(int)
    waiting = NoticeItem.objects.filter(delivery__isnull=True).values("resident_id")
    due = NoticePreference.objects.filter(resident_id__in=waiting).exclude(rhythm=Rhythm.OFF)
    for resident_id, rhythm in due.values_list("resident_id", "rhythm"):
        delivery = _claim(resident_id, rhythm, now)
        if delivery is None:
            continue
        counts[str(_send_one(delivery, now))] += 1
    return dict(counts)


# --- Did it lead to something? --------------------------------------------------------------


def _followup_days(collective_ids) -> dict[int, int]:
    default = NoticeSettings._meta.get_field("followup_days").default
    found = dict(
        NoticeSettings.objects.filter(collective_id__in=collective_ids).values_list(
            "collective_id", "followup_days"
        )
    )
    return {c: found.get(c, default) for c in collective_ids}


def _asked_by_mail(connection: Connection) -> Resident | None:
    """The resident to ask: the one connected through their gift (or the one on side A), when
    they have an address and consent to "verbinden"."""
    for resident_id in (connection.other_resident_id, connection.resident_id):
        if not resident_id:
            continue
        resident = (
            Resident.objects.filter(pk=resident_id, erased_at__isnull=True)
            .exclude(email="")
            .with_consent(ConsentPurpose.MATCHING)
            .select_related("collective")
            .first()
        )
        if resident is not None:
            return resident
    return None


def ask_followups(*, today: datetime.date | None = None) -> dict[str, int]:
    """Ask about each connection (introduced, or neighbour help) once it is the collective's
    number of days old: by mail, or on the buurtmakers' to-do list. One FollowUp per connection,
    made before the mail is sent, so no one is asked twice."""
    today = today or timezone.localdate()
    counts: dict[str, int] = defaultdict(int)
    collective_ids = set(
        Connection.objects.filter(
            kind__in=FOLLOWED_KINDS,
            outcome="",
            followup__isnull=True,
            happened_on__lte=today - datetime.timedelta(days=1),
        ).values_list("collective_id", flat=True)
    )
    for collective_id, days in _followup_days(collective_ids).items():
        due_on = today - datetime.timedelta(days=days)
        connections = Connection.objects.filter(
            collective_id=collective_id,
            kind__in=FOLLOWED_KINDS,
            outcome="",
            followup__isnull=True,
            happened_on__lte=due_on,
            happened_on__gt=due_on - datetime.timedelta(days=FOLLOWUP_WINDOW_DAYS),
        ).select_related("collective", "initiative", "need")
        for connection in connections:
            resident = _asked_by_mail(connection)
            try:
                with transaction.atomic():
                    followup = FollowUp.objects.create(
                        connection=connection,
                        resident=resident,
                        channel=FollowUpChannel.MAIL if resident else FollowUpChannel.BUILDER,
                        asked_at=timezone.now(),
                    )
            except IntegrityError:
                continue  # another worker asked already
            if resident is None:
                counts["buurtmaker"] += 1
                continue
            try:
                mail.send_followup(followup, token=followup_token(followup))
            except Exception:
                log.warning("follow-up %s could not be mailed", followup.pk, exc_info=True)
                FollowUp.objects.filter(pk=followup.pk).update(
                    channel=FollowUpChannel.BUILDER, resident=None
                )
                counts["buurtmaker"] += 1
                continue
            FollowUp.objects.filter(pk=followup.pk).update(sent_at=timezone.now())
            log.info("follow-up %s mailed to resident %s", followup.pk, resident.pk)
            counts["mail"] += 1
    return dict(counts)


@transaction.atomic
def answer_followup(
    *, connection: Connection, outcome: str, note: str = "", actor=None
) -> Connection:
    """Keep the answer on the connection and close its follow-up (if one was asked)."""
    connection = record_outcome(connection=connection, outcome=outcome, note=note, actor=actor)
    FollowUp.objects.filter(connection=connection).update(answered_at=timezone.now())
    return connection


def forget_resident(*, resident: Resident) -> dict[str, int]:
    """Erasure (a part registered with kring.core.erasure): the resident's notice choice, the
    asks found for them and the rows of mails sent go; follow-ups stay as counts without the
    link to the resident (the answer on the connection loses its line in the erasure itself)."""
    counts = {
        "items": NoticeItem.objects.filter(resident=resident).delete()[0],
        "deliveries": NoticeDelivery.objects.filter(resident=resident).delete()[0],
        "preference": NoticePreference.objects.filter(resident=resident).delete()[0],
        "followups": FollowUp.objects.filter(resident=resident).update(resident=None),
    }
    log.info("notices of resident %s erased: %s", resident.pk, counts)
    return counts

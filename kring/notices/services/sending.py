"""Sending notices: immediately, daily or weekly; each delivery is claimed before its mail goes,
so nothing is sent twice."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from kring.core.bulkmail import DeliveryStatus
from kring.initiatives.models import NeedStatus
from kring.people.models import ConsentPurpose, Resident
from kring.residents.models import AskStatus

from .. import mail
from ..models import (
    NoticeDelivery,
    NoticeItem,
    NoticePreference,
    Rhythm,
)
from .links import preference_token

log = logging.getLogger(__name__)


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

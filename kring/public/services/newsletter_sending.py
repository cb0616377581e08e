"""The newsletter's work in the background worker (``kring.public.tasks.send_newsletter``): a
scheduled issue started when it is due, and each waiting delivery claimed and sent through
``kring.core.bulkmail``, with its one-click unsubscribe link."""

from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from kring.core import bulkmail
from kring.core.bulkmail import DeliveryStatus
from kring.core.locking import bump_version

from .. import mail
from ..models import (
    Delivery,
    Newsletter,
    NewsletterStatus,
    SkipReason,
    Subscriber,
    SubscriberStatus,
)

UNSUBSCRIBE_SALT = "kring.public.newsletter.unsubscribe"


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))


def confirmed_subscribers():
    return Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)


def begin(locked: Newsletter) -> int:
    """Draft or due schedule → being sent, with one delivery row per confirmed subscriber.
    Call inside the transaction that locked the row and moved it to its next version."""
    recipients = list(confirmed_subscribers().values_list("pk", flat=True))
    Delivery.objects.bulk_create(
        [Delivery(newsletter=locked, subscriber_id=pk) for pk in recipients],
        ignore_conflicts=True,  # never a second row for one subscriber
    )
    locked.status = NewsletterStatus.SENDING
    locked.send_started_at = timezone.now()
    locked.save(update_fields=["status", "send_started_at", "version"])
    return len(recipients)


@transaction.atomic
def start_if_due(*, newsletter_id: int, now=None) -> bool:
    """For the worker: a scheduled issue whose time has come starts sending. Before its time,
    after a cancel, or when it started already, nothing happens. Returns whether it started."""
    now = now or timezone.now()
    locked = Newsletter.objects.select_for_update().filter(pk=newsletter_id).first()
    if locked is None or locked.status != NewsletterStatus.SCHEDULED:
        return False
    if locked.scheduled_at > now:
        return False
    bump_version(locked)
    begin(locked)
    return True


def deliver_batch(*, newsletter: Newsletter, limit: int) -> int:
    """Send up to ``limit`` waiting deliveries, each claimed before its mail goes out
    (kring.core.bulkmail), so a retried task or a second worker never sends twice. Someone
    who unsubscribed meanwhile is skipped. Returns how many rows were looked at."""
    waiting = list(
        Delivery.objects.filter(newsletter=newsletter, status=DeliveryStatus.WAITING)
        .select_related("subscriber")
        .order_by("pk")[:limit]
    )
    connection = get_connection()

    def send(delivery: Delivery) -> None:
        subscriber = delivery.subscriber
        mail.send_newsletter(
            newsletter,
            to=subscriber.email,
            unsubscribe=mail.unsubscribe_link(unsubscribe_token(subscriber)),
            connection=connection,
        )

    def skip_reason(delivery: Delivery) -> str:
        status = Subscriber.objects.filter(pk=delivery.subscriber_id).values_list(
            "status", flat=True
        )
        if status.first() != SubscriberStatus.CONFIRMED:
            return SkipReason.UNSUBSCRIBED
        return ""

    return bulkmail.deliver(waiting, send=send, skip_reason=skip_reason)

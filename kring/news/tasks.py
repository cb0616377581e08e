"""Sending a collective's message in the background, in batches with a pause between them."""

from django.conf import settings
from django_tasks import task

from kring.core import bulkmail

from .models import DeliveryStatus, Message, MessageStatus
from .sending import deliver_batch


@task()
def send_message(message_id: int) -> dict:
    message = Message.objects.filter(pk=message_id).first()
    if message is None or message.status != MessageStatus.SENDING:
        return {"sent": 0}
    bulkmail.send_in_batches(
        lambda limit: deliver_batch(message=message, limit=limit),
        size=settings.KRING_NEWS_BATCH_SIZE,
        pause=settings.KRING_NEWS_BATCH_PAUSE_SECONDS,
    )
    bulkmail.mark_sent(message, sending=MessageStatus.SENDING, sent=MessageStatus.SENT)
    return {"sent": message.deliveries.filter(status=DeliveryStatus.SENT).count()}

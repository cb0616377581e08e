"""Sending a collective's message in the background, in batches with a pause between them."""

import time

from django.conf import settings
from django_tasks import task

from .models import DeliveryStatus, Message, MessageStatus


@task()
def send_message(message_id: int) -> dict:
    from .services import deliver_batch, finish_sending

    message = Message.objects.filter(pk=message_id).first()
    if message is None or message.status != MessageStatus.SENDING:
        return {"sent": 0}
    batch = max(1, settings.KRING_NEWS_BATCH_SIZE)
    while True:
        handled = deliver_batch(message=message, limit=batch)
        if handled < batch:
            break
        time.sleep(settings.KRING_NEWS_BATCH_PAUSE_SECONDS)
    finish_sending(message=message)
    return {"sent": message.deliveries.filter(status=DeliveryStatus.SENT).count()}

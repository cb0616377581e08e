"""Sending a newsletter in the background, in batches with a pause between them, so a mail
server's limits are respected and the web process never waits for it. A scheduled issue is
queued to run at its time; the task starts it only when it is still scheduled and due."""

import time

from django.conf import settings
from django_tasks import task

from kring.core.bulkmail import DeliveryStatus

from .models import Newsletter, NewsletterStatus


@task()
def send_newsletter(newsletter_id: int) -> dict:
    # The services queue this task, so they are imported here, not at the top (a cycle).
    from .services.newsletter import deliver_batch, finish_sending, start_if_due

    start_if_due(newsletter_id=newsletter_id)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.status != NewsletterStatus.SENDING:
        return {"sent": 0}
    batch = max(1, settings.KRING_NEWSLETTER_BATCH_SIZE)
    while True:
        handled = deliver_batch(newsletter=newsletter, limit=batch)
        if handled < batch:
            break
        time.sleep(settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS)
    finish_sending(newsletter=newsletter)
    return {"sent": newsletter.deliveries.filter(status=DeliveryStatus.SENT).count()}

"""Sending a newsletter in the background, in batches with a pause between them, so a mail
server's limits are respected and the web process never waits for it."""

import time

from django.conf import settings
from django_tasks import task

from .models import Newsletter, NewsletterStatus


@task()
def send_newsletter(newsletter_id: int) -> dict:
    from .services.newsletter import deliver_batch, finish_sending

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
    return {"sent": newsletter.deliveries.filter(sent_at__isnull=False).count()}

"""Background work of the public site: the newsletter and the editors' mail to a meeting's
registrations, in batches with a pause between them (a mail server's limits are respected and
the web process never waits); the academy's reminders, every few minutes. A scheduled
newsletter is queued to run at its time; the task starts it only when it is still scheduled
and due."""

import time
from datetime import timedelta

from django.conf import settings
from django_tasks import task

from kring.core.bulkmail import DeliveryStatus
from kring.core.jobs import enqueue_again

from .models import (
    MeetingMail,
    MeetingMailStatus,
    Newsletter,
    NewsletterStatus,
)


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


@task()
def send_meeting_mail(mail_id: int) -> dict:
    from .services.academy import deliver_meeting_mail_batch, finish_meeting_mail

    meeting_mail = MeetingMail.objects.filter(pk=mail_id).first()
    if meeting_mail is None or meeting_mail.status != MeetingMailStatus.SENDING:
        return {"sent": 0}
    batch = max(1, settings.KRING_NEWSLETTER_BATCH_SIZE)
    while True:
        handled = deliver_meeting_mail_batch(meeting_mail=meeting_mail, limit=batch)
        if handled < batch:
            break
        time.sleep(settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS)
    finish_meeting_mail(meeting_mail=meeting_mail)
    return {"sent": meeting_mail.deliveries.filter(status=DeliveryStatus.SENT).count()}


@task()
def send_meeting_reminders_task() -> dict:
    """The periodic run (started once by `manage.py send_meeting_reminders --enqueue`):
    reminders that are due; repeats every KRING_ACADEMY_REMINDER_INTERVAL_MINUTES."""
    from .services.academy import send_due_reminders

    result = send_due_reminders()
    enqueue_again(
        send_meeting_reminders_task,
        after=timedelta(minutes=settings.KRING_ACADEMY_REMINDER_INTERVAL_MINUTES),
    )
    return result

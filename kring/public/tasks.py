"""Background work of the public site: the newsletter and the editors' mail to a meeting's
registrations, in batches with a pause between them (a mail server's limits are respected and
the web process never waits); the academy's reminders, every few minutes. A scheduled
newsletter is queued to run at its time; the task starts it only when it is still scheduled
and due."""

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from kring.core import bulkmail
from kring.core.bulkmail import DeliveryStatus
from kring.core.jobs import enqueue_again

from .models import (
    MeetingMail,
    MeetingMailStatus,
    Newsletter,
    NewsletterStatus,
)
from .services.academy_sending import deliver_meeting_mail_batch, send_due_reminders
from .services.newsletter_sending import deliver_batch, start_if_due


@task()
def send_newsletter(newsletter_id: int) -> dict:
    start_if_due(newsletter_id=newsletter_id)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.status != NewsletterStatus.SENDING:
        return {"sent": 0}
    bulkmail.send_in_batches(
        lambda limit: deliver_batch(newsletter=newsletter, limit=limit),
        size=settings.KRING_NEWSLETTER_BATCH_SIZE,
        pause=settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS,
    )
    bulkmail.mark_sent(newsletter, sending=NewsletterStatus.SENDING, sent=NewsletterStatus.SENT)
    return {"sent": newsletter.deliveries.filter(status=DeliveryStatus.SENT).count()}


@task()
def send_meeting_mail(mail_id: int) -> dict:
    meeting_mail = MeetingMail.objects.filter(pk=mail_id).first()
    if meeting_mail is None or meeting_mail.status != MeetingMailStatus.SENDING:
        return {"sent": 0}
    bulkmail.send_in_batches(
        lambda limit: deliver_meeting_mail_batch(meeting_mail=meeting_mail, limit=limit),
        size=settings.KRING_NEWSLETTER_BATCH_SIZE,
        pause=settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS,
    )
    bulkmail.mark_sent(meeting_mail, sending=MeetingMailStatus.SENDING, sent=MeetingMailStatus.SENT)
    return {"sent": meeting_mail.deliveries.filter(status=DeliveryStatus.SENT).count()}


@task()
def send_meeting_reminders_task() -> dict:
    """The periodic run (started once by `manage.py send_meeting_reminders --enqueue`):
    reminders that are due; repeats every KRING_ACADEMY_REMINDER_INTERVAL_MINUTES."""
    result = send_due_reminders()
    enqueue_again(
        send_meeting_reminders_task,
        after=timedelta(minutes=settings.KRING_ACADEMY_REMINDER_INTERVAL_MINUTES),
    )
    return result

"""The newsletter: subscribing with double opt-in, unsubscribing, and sending safely.

An issue is written as a draft, previewed, optionally mailed to the editor as a test, then
sent now or scheduled. Sending fixes the recipients (one delivery row per confirmed
subscriber) and hands the work to the background worker, which claims each row before its mail
goes out (kring.core.bulkmail). Each step is a locked, conditional change of the issue's
status, so an issue is sent once whatever is clicked twice or run by two workers; the version
the editor confirmed must still be the saved one."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kring.core import audit
from kring.core.locking import bump_version, check_version

from .. import mail
from ..models import (
    Newsletter,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from ..richtext import sanitize
from ..tasks import send_newsletter
from . import InvalidLink
from .newsletter_sending import UNSUBSCRIBE_SALT, begin, confirmed_subscribers, unsubscribe_token

CONFIRM_SALT = "kring.public.newsletter.confirm"


def ip_hash(ip: str | None) -> str:
    """A keyed hash: enough to show later that a sign-up came from one place, without keeping
    the address itself."""
    if not ip:
        return ""
    return salted_hmac("kring.public.subscriber.ip", ip).hexdigest()[:32]


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT)


def subscriber_for_unsubscribe(token: str) -> Subscriber:
    try:
        pk = int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise InvalidLink
    return subscriber


@transaction.atomic
def subscribe(*, email: str, consent_text: str, ip: str | None) -> Subscriber:
    """Record the sign-up with its proof of consent and mail a confirmation link. Nothing is
    sent to the address until that link is used (double opt-in)."""
    email = email.strip().lower()
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
        # The page says the same as for a new address, so nobody learns who is subscribed.
        transaction.on_commit(
            lambda: mail.send_already_subscribed(subscriber, token=unsubscribe_token(subscriber))
        )
        return subscriber
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.status = SubscriberStatus.PENDING
    subscriber.consent_text = consent_text
    subscriber.consent_at = now
    subscriber.consent_ip_hash = ip_hash(ip)
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    audit.save_and_record(
        subscriber,
        actor=None,
        collective=None,
        action=audit.Action.CONSENT,
        summary="Aanmelding nieuwsbrief, wacht op bevestiging",
    )
    transaction.on_commit(
        lambda: mail.send_confirmation(subscriber, token=confirm_token(subscriber))
    )
    return subscriber


def _confirm_payload(token: str):
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.KRING_NEWSLETTER_CONFIRM_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink from None


def confirm_token_is_valid(token: str) -> bool:
    try:
        pk, email = _confirm_payload(token)
    except (InvalidLink, ValueError, TypeError):
        return False
    return (
        Subscriber.objects.filter(pk=pk, email=email)
        .exclude(status=SubscriberStatus.UNSUBSCRIBED)
        .exists()
    )


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscriber:
    try:
        pk, email = _confirm_payload(token)
    except (ValueError, TypeError):
        raise InvalidLink from None
    subscriber = Subscriber.objects.select_for_update().filter(pk=pk, email=email).first()
    if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise InvalidLink
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        audit.save_and_record(
            subscriber,
            update_fields=["status", "confirmed_at"],
            actor=None,
            collective=None,
            action=audit.Action.CONSENT,
            summary="Aanmelding nieuwsbrief bevestigd",
        )
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        audit.save_and_record(
            subscriber,
            update_fields=["status", "unsubscribed_at"],
            actor=None,
            collective=None,
            action=audit.Action.WITHDRAW,
            summary="Afgemeld voor de nieuwsbrief",
        )
    return subscriber


class NotDraft(Exception):
    """The issue is scheduled, being sent or sent: it cannot change or be sent again."""


class NothingToSend(Exception):
    """There is no confirmed subscriber to send to."""


class NotInFuture(Exception):
    """A schedule must lie in the future."""


class CannotSchedule(Exception):
    """This installation runs background work at once (no worker), so nothing can wait."""


def can_schedule() -> bool:
    """Scheduling needs a background worker that runs a task later (the database queue); the
    backend that runs tasks at once cannot wait."""
    return send_newsletter.get_backend().supports_defer


@transaction.atomic
def save_newsletter(
    *, editor, newsletter: Newsletter, expected_version: int | None = None
) -> Newsletter:
    if (
        newsletter.pk
        and Newsletter.objects.filter(pk=newsletter.pk)
        .exclude(status=NewsletterStatus.DRAFT)
        .exists()
    ):
        raise NotDraft
    check_version(newsletter, expected_version)
    newsletter.body = sanitize(newsletter.body)
    if newsletter.created_by_id is None:
        newsletter.created_by = editor
    newsletter.save()
    return newsletter


def send_test(*, editor, newsletter: Newsletter) -> str:
    """The issue exactly as subscribers will get it, with "[Proef]" before the subject, to the
    editor's own address. Returns that address."""
    mail.send_newsletter(newsletter, to=editor.email, unsubscribe="", test=True)
    return editor.email


def _locked_draft(newsletter: Newsletter, expected_version: int | None) -> Newsletter:
    """The issue, locked; refused when it is not a draft any more, or when it changed since
    the editor saw the preview (``expected_version``)."""
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.DRAFT:
        raise NotDraft
    check_version(locked, expected_version)
    return locked


def _queue(newsletter_id: int, *, run_after=None) -> None:
    task = send_newsletter if run_after is None else send_newsletter.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(newsletter_id=newsletter_id))


@transaction.atomic
def start_sending(*, editor, newsletter: Newsletter, expected_version: int | None = None) -> int:
    """Send now: fix the list of recipients (the confirmed subscribers at this moment) and
    queue the background task. Returns how many will receive it. A second call (a double
    click, a second editor) raises NotDraft: an issue is sent once."""
    locked = _locked_draft(newsletter, expected_version)
    if not confirmed_subscribers().exists():
        raise NothingToSend
    count = begin(locked)
    audit.record(
        actor=editor,
        collective=None,
        action=audit.Action.CHANGE,
        target=locked,
        summary=f"Nieuwsbrief verstuurd naar {count} abonnees",
    )
    _queue(locked.pk)
    return count


@transaction.atomic
def schedule_sending(
    *, editor, newsletter: Newsletter, when, expected_version: int | None = None
) -> Newsletter:
    """Send later: the worker starts at ``when`` with the subscribers confirmed at that moment.
    Until then the issue cannot change; ``cancel_schedule`` makes it a draft again."""
    if not can_schedule():
        raise CannotSchedule
    if when <= timezone.now():
        raise NotInFuture
    locked = _locked_draft(newsletter, expected_version)
    if not confirmed_subscribers().exists():
        raise NothingToSend
    locked.status = NewsletterStatus.SCHEDULED
    locked.scheduled_at = when
    audit.save_and_record(
        locked,
        update_fields=["status", "scheduled_at", "version"],
        actor=editor,
        collective=None,
        action=audit.Action.CHANGE,
        summary=f"Nieuwsbrief ingepland voor {when.isoformat()}",
    )
    _queue(locked.pk, run_after=when)
    return locked


@transaction.atomic
def cancel_schedule(*, editor, newsletter: Newsletter) -> bool:
    """A scheduled issue becomes a draft again, as long as sending has not started. The task
    waiting in the queue then finds a draft and does nothing. Returns whether it was
    cancelled (False: it had started or was no schedule)."""
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.SCHEDULED:
        return False
    bump_version(locked)
    locked.status = NewsletterStatus.DRAFT
    locked.scheduled_at = None
    audit.save_and_record(
        locked,
        update_fields=["status", "scheduled_at", "version"],
        actor=editor,
        collective=None,
        action=audit.Action.CHANGE,
        summary="Inplannen van de nieuwsbrief geannuleerd",
    )
    return True

"""The newsletter: subscribing with double opt-in, unsubscribing, and sending in batches."""

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kring.core import audit
from kring.core.locking import check_version

from .. import mail
from ..models import Delivery, Newsletter, NewsletterStatus, Subscriber, SubscriberStatus
from ..richtext import sanitize
from . import InvalidLink

CONFIRM_SALT = "kring.public.newsletter.confirm"
UNSUBSCRIBE_SALT = "kring.public.newsletter.unsubscribe"


def ip_hash(ip: str | None) -> str:
    """A keyed hash: enough to show later that a sign-up came from one place, without keeping
    the address itself."""
    if not ip:
        return ""
    return salted_hmac("kring.public.subscriber.ip", ip).hexdigest()[:32]


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))


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
        transaction.on_commit(lambda: mail.send_already_subscribed(subscriber))
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


@transaction.atomic
def save_newsletter(
    *, editor, newsletter: Newsletter, expected_version: int | None = None
) -> Newsletter:
    if (
        newsletter.pk
        and Newsletter.objects.filter(
            pk=newsletter.pk, status__in=[NewsletterStatus.SENDING, NewsletterStatus.SENT]
        ).exists()
    ):
        raise ValueError("a newsletter that is being sent or was sent cannot change")
    check_version(newsletter, expected_version)
    newsletter.body = sanitize(newsletter.body)
    if newsletter.created_by_id is None:
        newsletter.created_by = editor
    newsletter.save()
    return newsletter


@transaction.atomic
def start_sending(*, editor, newsletter: Newsletter) -> int:
    """Fix the list of recipients (confirmed subscribers at this moment) and queue the
    background task. Returns how many will receive it; a second call does nothing."""
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.DRAFT:
        return 0
    recipients = list(
        Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).values_list("pk", flat=True)
    )
    Delivery.objects.bulk_create(
        [Delivery(newsletter=locked, subscriber_id=pk) for pk in recipients]
    )
    locked.status = NewsletterStatus.SENDING
    locked.send_started_at = timezone.now()
    locked.save(update_fields=["status", "send_started_at"])
    from ..tasks import send_newsletter

    transaction.on_commit(lambda: send_newsletter.enqueue(newsletter_id=locked.pk))
    return len(recipients)


def deliver_batch(*, newsletter: Newsletter, limit: int) -> int:
    """Send up to ``limit`` of the deliveries still open; each is marked on its own, so a
    retried task never sends twice. Someone who unsubscribed meanwhile is skipped."""
    open_deliveries = list(
        Delivery.objects.filter(newsletter=newsletter, sent_at__isnull=True, error="")
        .select_related("subscriber")
        .order_by("pk")[:limit]
    )
    connection = get_connection()
    for delivery in open_deliveries:
        subscriber = delivery.subscriber
        if subscriber.status != SubscriberStatus.CONFIRMED:
            Delivery.objects.filter(pk=delivery.pk).update(error="afgemeld voor verzending")
            continue
        try:
            mail.send_newsletter(
                newsletter, subscriber, token=unsubscribe_token(subscriber), connection=connection
            )
        except Exception as error:  # one bad address must not stop the rest
            Delivery.objects.filter(pk=delivery.pk).update(error=str(error)[:300] or "fout")
        else:
            Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    return len(open_deliveries)


def finish_sending(*, newsletter: Newsletter) -> None:
    Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.SENDING).update(
        status=NewsletterStatus.SENT, sent_at=timezone.now()
    )

"""The work of the background task (``kring.news.tasks.send_message``): each waiting delivery
claimed, consent checked again, the mail sent with its one-click unsubscribe link."""

from django.core import signing
from django.core.mail import get_connection

from kring.communities.models import Membership
from kring.core import bulkmail
from kring.people.models import ConsentPurpose, Resident

from . import mail
from .models import Delivery, DeliveryStatus, Message, OptOut, SkipReason

UNSUBSCRIBE_SALT = "kring.news.unsubscribe"


def unsubscribe_token(*, collective_id: int, resident: Resident | None = None, user=None) -> str:
    who = f"r{resident.pk}" if resident is not None else f"u{user.pk}"
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{collective_id}.{who}")


def _skip_reason(message: Message, delivery: Delivery) -> str:
    if delivery.resident_id:
        resident = delivery.resident
        if (
            resident.erased_at
            or not resident.consents.filter(
                purpose=ConsentPurpose.NEWS, withdrawn_at__isnull=True
            ).exists()
        ):
            return SkipReason.CONSENT
        if not resident.email:
            return SkipReason.NO_ADDRESS
        return ""
    user = delivery.user
    if not Membership.objects.filter(user=user, collective_id=message.collective_id).exists():
        return SkipReason.NOT_MEMBER
    if OptOut.objects.filter(user=user, collective_id=message.collective_id).exists():
        return SkipReason.OPTED_OUT
    if not user.email or not user.is_active:
        return SkipReason.NO_ADDRESS
    return ""


def deliver_batch(*, message: Message, limit: int) -> int:
    """Send up to ``limit`` waiting deliveries, each claimed first (kring.core.bulkmail).
    Returns how many rows were looked at."""
    waiting = list(
        Delivery.objects.filter(message=message, status=DeliveryStatus.WAITING)
        .select_related("resident", "user")
        .order_by("pk")[:limit]
    )
    connection = get_connection()

    def send(delivery: Delivery) -> None:
        if delivery.resident_id:
            to, name = delivery.resident.email, delivery.resident.name
            token = unsubscribe_token(
                collective_id=message.collective_id, resident=delivery.resident
            )
        else:
            to, name = delivery.user.email, delivery.user.name
            token = unsubscribe_token(collective_id=message.collective_id, user=delivery.user)
        mail.send_message(message, to=to, name=name, token=token, connection=connection)

    return bulkmail.deliver(
        waiting, send=send, skip_reason=lambda delivery: _skip_reason(message, delivery)
    )

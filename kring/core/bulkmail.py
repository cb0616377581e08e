"""What every mail sent to many people shares.

- A one-click unsubscribe that mail programs show as a button (RFC 2369 ``List-Unsubscribe``
  and RFC 8058 ``List-Unsubscribe-Post``).
- What a written mail to many people holds (``WrittenMail``): subject, text, who wrote it and
  when it was sent, and the version that refuses a stale edit.
- One delivery row per recipient (``ClaimedDelivery``), claimed (wacht → bezig) in its own
  update before its mail goes out (``deliver``). So two workers, or a task run again after a
  crash, never send one mail twice to anyone; a row left "bezig" by a crash is reported, never
  sent again (at most once). The row keeps what happened, never the content."""

import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .locking import version_field

logger = logging.getLogger(__name__)


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers for a mail whose recipient leaves with one POST to ``url``."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


class WrittenMail(models.Model):
    """A mail written once and sent to many (a collective's message, the editors' mail to a
    meeting's registrations). Subclasses add whom it goes to and their own status list."""

    subject = models.CharField(_("onderwerp"), max_length=150)
    body = models.TextField(_("tekst"), max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)
    send_started_at = models.DateTimeField(_("verzenden begonnen op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    version = version_field()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class DeliveryStatus(models.TextChoices):
    WAITING = "wacht", _("wacht")
    CLAIMED = "bezig", _("wordt verstuurd")
    SENT = "verstuurd", _("verstuurd")
    FAILED = "mislukt", _("mislukt")
    SKIPPED = "overgeslagen", _("overgeslagen")


class ClaimedDelivery(models.Model):
    """One mail to one recipient. Subclasses add what the mail and the recipient are; those sent
    through ``deliver`` add a ``skip_reason`` field with their own reasons (a notice's row is
    made already claimed and skips without one: ``kring.notices.models.NoticeDelivery``)."""

    status = models.CharField(
        _("status"), max_length=15, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    claimed_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        abstract = True


def claim(row: ClaimedDelivery) -> bool:
    """Take the row for this worker. False when another worker (or an earlier run) has it."""
    return bool(
        type(row)
        .objects.filter(pk=row.pk, status=DeliveryStatus.WAITING)
        .update(status=DeliveryStatus.CLAIMED, claimed_at=timezone.now())
    )


def deliver(
    rows: Iterable[ClaimedDelivery],
    *,
    send: Callable[[ClaimedDelivery], None],
    skip_reason: Callable[[ClaimedDelivery], str] | None = None,
) -> int:
    """Claim each row, then skip it (``skip_reason`` returns a reason, checked just before
    sending) or ``send`` it. One failing address does not stop the rest. Returns how many rows
    were looked at."""
    count = 0
    for row in rows:
        count += 1
        if not claim(row):
            continue
        rows_of = type(row).objects.filter(pk=row.pk)
        reason = skip_reason(row) if skip_reason is not None else ""
        if reason:
            rows_of.update(status=DeliveryStatus.SKIPPED, skip_reason=reason)
            continue
        try:
            send(row)
        except Exception as error:  # one bad address must not stop the rest
            logger.warning("%s %s failed: %s", type(row)._meta.label, row.pk, type(error).__name__)
            rows_of.update(status=DeliveryStatus.FAILED)
        else:
            rows_of.update(status=DeliveryStatus.SENT, sent_at=timezone.now())
    return count


def send_in_batches(deliver_batch: Callable[..., int], *, size: int, pause: float) -> None:
    """The background task's loop: ``deliver_batch(limit=size)`` until a batch comes back
    short, with a pause between batches, so a mail server's limits are respected."""
    size = max(1, size)
    while deliver_batch(limit=size) >= size:
        time.sleep(pause)


def mark_sent(mail: models.Model, *, sending: str, sent: str) -> None:
    """Every delivery was looked at: the mail moves from ``sending`` to ``sent`` (once)."""
    type(mail).objects.filter(pk=mail.pk, status=sending).update(
        status=sent, sent_at=timezone.now()
    )


def report(deliveries) -> dict[str, int]:
    """How many of a queryset of delivery rows were sent, failed, skipped and are still open
    (waiting, or claimed by a worker that is busy or died)."""
    return deliveries.aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(status=DeliveryStatus.SENT)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
        skipped=Count("pk", filter=Q(status=DeliveryStatus.SKIPPED)),
        open=Count("pk", filter=Q(status__in=[DeliveryStatus.WAITING, DeliveryStatus.CLAIMED])),
    )

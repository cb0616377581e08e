"""Messages a collective writes to its residents and members, and one delivery row per
recipient: what happened to the mail (sent, failed, skipped), never its content."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.bulkmail import ClaimedDelivery, DeliveryStatus, WrittenMail  # noqa: F401 (used from here)


class Audience(models.TextChoices):
    RESIDENTS = "bewoners", _("bewoners die toestemming gaven voor nieuws van het collectief")
    MEMBERS = "leden", _("leden van het collectief (met een inlog)")
    BOTH = "beide", _("allebei")


class MessageStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    SENDING = "verzenden", _("wordt verstuurd")
    SENT = "verstuurd", _("verstuurd")


class Message(WrittenMail):
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="news_messages",
    )
    audience = models.CharField(
        _("naar wie"), max_length=10, choices=Audience.choices, default=Audience.RESIDENTS
    )
    neighbourhoods = models.ManyToManyField(
        "geo.Neighbourhood", verbose_name=_("alleen in deze buurten"), blank=True, related_name="+"
    )
    tags = models.ManyToManyField(
        "assets.Tag",
        verbose_name=_("alleen bij gaven met deze labels"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.DRAFT
    )

    class Meta(WrittenMail.Meta):
        verbose_name = _("bericht van het collectief")
        verbose_name_plural = _("berichten van het collectief")


class SkipReason(models.TextChoices):
    CONSENT = "toestemming", _("toestemming ingetrokken")
    NO_ADDRESS = "geen-adres", _("geen e-mailadres meer")
    OPTED_OUT = "afgemeld", _("afgemeld")
    NOT_MEMBER = "geen-lid", _("geen lid meer")


class Delivery(ClaimedDelivery):
    """One message to one resident or member. Claimed before the mail goes out, so a retried
    task or a second worker never sends it twice (kring.core.bulkmail). The address is read at
    sending time and not kept here."""

    message = models.ForeignKey(
        Message, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="deliveries"
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_deliveries",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lid"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    skip_reason = models.CharField(
        _("reden overgeslagen"), max_length=15, choices=SkipReason.choices, blank=True
    )

    class Meta(ClaimedDelivery.Meta):
        verbose_name = _("verzending van een bericht")
        verbose_name_plural = _("verzendingen van berichten")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "resident"],
                condition=models.Q(resident__isnull=False),
                name="one_news_delivery_per_resident",
            ),
            models.UniqueConstraint(
                fields=["message", "user"],
                condition=models.Q(user__isnull=False),
                name="one_news_delivery_per_member",
            ),
        ]
        indexes = [models.Index(fields=["message", "status"])]

    def __str__(self):
        return f"{self.message_id}: {self.get_status_display()}"


class OptOut(models.Model):
    """A member (with a log-in) who no longer wants the collective's news. Residents withdraw
    their consent instead (kring.people)."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lid"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("afgemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding voor nieuws")
        verbose_name_plural = _("afmeldingen voor nieuws")
        constraints = [
            models.UniqueConstraint(fields=["collective", "user"], name="one_news_optout")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.collective_id}"

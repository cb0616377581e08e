"""The newsletter: subscribers (confirmed by a link), issues and one delivery row per mail."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring.core.bulkmail import ClaimedDelivery
from kring.core.locking import version_field


class SubscriberStatus(models.TextChoices):
    PENDING = "wacht", _("wacht op bevestiging")
    CONFIRMED = "bevestigd", _("bevestigd")
    UNSUBSCRIBED = "afgemeld", _("afgemeld")


class Subscriber(models.Model):
    """Someone on the newsletter list. The proof of consent is kept: the exact text agreed to,
    when, and a keyed hash of the IP address (not the address itself)."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    consent_text = models.TextField(_("tekst waarmee ingestemd is"))
    consent_at = models.DateTimeField(_("ingestemd op"))
    consent_ip_hash = models.CharField(_("versleuteld IP-adres"), max_length=64, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        ordering = ["email"]

    def __str__(self):
        return self.email


class NewsletterStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    SCHEDULED = "gepland", _("ingepland")
    SENDING = "verzenden", _("wordt verstuurd")
    SENT = "verstuurd", _("verstuurd")


class Newsletter(models.Model):
    """An issue of the network's newsletter. Its status moves only forward through the
    services (concept → ingepland → wordt verstuurd → verstuurd; a schedule can go back to
    concept), each step one conditional update, so an issue is never sent twice. Sent issues
    are public in the archive."""

    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=20, choices=NewsletterStatus.choices, default=NewsletterStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    scheduled_at = models.DateTimeField(_("versturen op"), null=True, blank=True)
    send_started_at = models.DateTimeField(_("versturen begonnen op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="gepland") | models.Q(scheduled_at__isnull=False),
                name="newsletter_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["verzenden", "verstuurd"])
                | models.Q(send_started_at__isnull=False),
                name="newsletter_sending_has_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="verstuurd") | models.Q(sent_at__isnull=False),
                name="newsletter_sent_has_time",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("public:newsletter_issue", kwargs={"pk": self.pk})


class SkipReason(models.TextChoices):
    UNSUBSCRIBED = "afgemeld", _("afgemeld voor de nieuwsbrief")


class Delivery(ClaimedDelivery):
    """One newsletter to one subscriber: the report of what was sent, and a guard against
    sending twice when a task is retried or a second worker runs (kring.core.bulkmail)."""

    newsletter = models.ForeignKey(
        Newsletter,
        verbose_name=_("nieuwsbrief"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("abonnee"), on_delete=models.CASCADE, related_name="deliveries"
    )
    skip_reason = models.CharField(
        _("reden overgeslagen"), max_length=15, choices=SkipReason.choices, blank=True
    )

    class Meta(ClaimedDelivery.Meta):
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="public_delivery_status")]

    def __str__(self):
        return f"{self.newsletter} → {self.subscriber}"

"""The Buurtmakers Academie: meetings, registrations and the editors' mail to a meeting's
registrations (written once, one delivery row per registration)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring.core.bulkmail import ClaimedDelivery, WrittenMail
from kring.core.locking import version_field


class MeetingKind(models.TextChoices):
    MEETING = "leerbijeenkomst", _("leerbijeenkomst")
    COURSE = "cursus", _("cursus")


class Meeting(models.Model):
    """A learning meeting or course of the Buurtmakers Academie."""

    kind = models.CharField(
        _("soort"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=120, unique=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    body = models.TextField(_("beschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    location = models.CharField(_("plaats"), max_length=200)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), help_text=_("Wie zich daarna aanmeldt, komt op de wachtlijst.")
    )
    is_published = models.BooleanField(_("zichtbaar op de site"), default=False)
    reminder_days = models.PositiveSmallIntegerField(
        _("herinnering: hoeveel dagen van tevoren"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "Wie een plek heeft, krijgt zoveel dagen voor de bijeenkomst een e-mail als "
            "herinnering. Vul 0 in voor geen herinnering."
        ),
    )
    version = version_field()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:meeting", kwargs={"meeting": self.slug})


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "aangemeld", _("aangemeld")
    WAITING = "wachtlijst", _("op de wachtlijst")
    CANCELLED = "afgemeld", _("afgemeld")


class Registration(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie of collectief"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    language = models.CharField(
        _("taal van de mails"), max_length=10, choices=settings.LANGUAGES, default="nl"
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    # The reminder: claimed (with the start it was about) before the mail goes out, so a
    # second worker or a rerun sends nothing. A meeting moved to another start time after the
    # reminder gets one new reminder for the new time.
    reminder_for = models.DateTimeField(_("herinnering over de bijeenkomst van"), null=True)
    reminder_claimed_at = models.DateTimeField(_("herinnering opgepakt op"), null=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} — {self.meeting}"


class MeetingMailStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    SENDING = "verzenden", _("wordt verstuurd")
    SENT = "verstuurd", _("verstuurd")


class MeetingMail(WrittenMail):
    """A mail from the editors to everyone registered for a meeting (with a place or on the
    waiting list). The list of recipients is fixed when sending is confirmed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="mails"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingMailStatus.choices,
        default=MeetingMailStatus.DRAFT,
    )

    class Meta(WrittenMail.Meta):
        verbose_name = _("mail aan de aangemelden")
        verbose_name_plural = _("mails aan de aangemelden")


class MeetingMailSkipReason(models.TextChoices):
    CANCELLED = "afgemeld", _("afgemeld voor de bijeenkomst")
    NO_ADDRESS = "geen adres", _("geen e-mailadres (meer)")


class MeetingMailDelivery(ClaimedDelivery):
    """One mail to one registration, claimed before it goes out (kring.core.bulkmail), so a
    retried task or a second worker never sends it twice; the address is read from the
    registration at sending time and not kept here."""

    mail = models.ForeignKey(
        MeetingMail, verbose_name=_("mail"), on_delete=models.CASCADE, related_name="deliveries"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="mail_deliveries",
    )
    skip_reason = models.CharField(
        _("reden overgeslagen"), max_length=15, choices=MeetingMailSkipReason.choices, blank=True
    )

    class Meta(ClaimedDelivery.Meta):
        verbose_name = _("verzending van een mail aan de aangemelden")
        verbose_name_plural = _("verzendingen van mails aan de aangemelden")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mail", "registration"], name="one_meeting_mail_per_registration"
            )
        ]

    def __str__(self):
        return f"{self.mail_id}: {self.get_status_display()}"

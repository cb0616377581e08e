from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring.core.choices import ChoiceLabels, Source
from kring.core.locking import version_field


class ConsentPurpose(models.TextChoices):
    INVENTORY = "inventaris", _("Gaven en gegevens bewaren in de inventaris van het collectief")
    MATCHING = "verbinden", _("Gebruiken om mij in contact te brengen met mensen en plannen")
    MEMBERS = "leden", _("Leden van het collectief mogen mij en mijn gaven zien")
    PUBLIC_STORIES = "verhalen", _("Mijn verhaal mag openbaar worden gedeeld")
    PHOTOS = "fotos", _("Foto's van mij mogen worden gebruikt")
    NEWS = "nieuws", _("Nieuws van het collectief ontvangen (per e-mail of op papier)")


class ConsentMethod(models.TextChoices):
    DIGITAL = "digitaal", _("digitaal (op dit scherm)")
    PAPER = "papier", _("op papier, met handtekening")
    VERBAL = "mondeling", _("mondeling, genoteerd door de buurtmaker")


class ResidentQuerySet(models.QuerySet):
    def with_consent(self, purpose: str):
        return self.filter(
            Exists(
                Consent.objects.filter(
                    resident=OuterRef("pk"), purpose=purpose, withdrawn_at__isnull=True
                )
            )
        )


class Resident(ChoiceLabels, models.Model):
    """A resident known to one collective. The same person in two collectives is two records,
    so no collective ever sees what another keeps. A resident may or may not log in."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="residents",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    neighbourhood = models.ForeignKey(
        "geo.Neighbourhood",
        verbose_name=_("buurt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.CharField(
        _("talen"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: Nederlands, Arabisch")
    )
    # One log-in may open the records of one person in several collectives (each its own
    # record); never two records of the same collective (see Meta.constraints).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inlog"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident_records",
    )
    source = models.CharField(
        _("herkomst"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Optimistic locking: an edit based on an older version is refused, not silently lost.
    version = version_field()
    # Erased at the resident's request or after the retention period: an empty shell that keeps
    # counts (conversations, connections) right without saying who it was.
    erased_at = models.DateTimeField(_("gewist op"), null=True, blank=True, editable=False)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bewoner")
        verbose_name_plural = _("bewoners")
        ordering = ["name"]
        indexes = [models.Index(fields=["collective", "name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "collective"],
                condition=models.Q(user__isnull=False),
                name="one_record_per_login_and_collective",
            )
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.collective.slug, self.pk])

    @property
    def display_name(self) -> str:
        """The name, or for an erased resident a neutral "een oud-bewoner": they still count
        (pledges, connections, attendance) but are no one in particular any more."""
        if self.erased_at:
            return str(_("een oud-bewoner"))
        return self.name

    def active_purposes(self) -> set[str]:
        return {c.purpose for c in self.consents.all() if c.withdrawn_at is None}


class Consent(models.Model):
    """One consent for one purpose. Withdrawing keeps the record (proof of what was allowed when)
    and stops the use at once."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("bewoner"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("waarvoor"), max_length=20, choices=ConsentPurpose.choices)
    given_at = models.DateTimeField(_("gegeven op"))
    method = models.CharField(_("hoe"), max_length=20, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]
        indexes = [models.Index(fields=["resident", "purpose", "withdrawn_at"])]

    def __str__(self):
        return f"{self.resident}: {self.get_purpose_display()}"


class ConversationMethod(models.TextChoices):
    IN_PERSON = "persoonlijk", _("persoonlijk gesprek")
    PHONE = "telefoon", _("telefoon of video")
    PAPER = "papier", _("papieren formulier, later ingevoerd")


class Conversation(models.Model):
    """A gift conversation (gaven-gesprek) held with a resident."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    held_on = models.DateField(_("datum van het gesprek"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gesprek gevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    method = models.CharField(_("soort gesprek"), max_length=20, choices=ConversationMethod.choices)
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gaven-gesprek")
        verbose_name_plural = _("gaven-gesprekken")
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["collective", "-held_on"])]

    def __str__(self):
        return f"{self.resident} ({self.held_on})"

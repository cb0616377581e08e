"""Pledges: what residents, organisations and others give to an initiative."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .initiatives import Initiative


class PledgeKind(models.TextChoices):
    HOURS = "uren", _("uren hulp")
    MATERIAL = "materiaal", _("spullen of materiaal")
    MONEY = "geld", _("geld")


class GiverKind(models.TextChoices):
    """Who made a pledge: a resident, or an organisation of the collective by its category."""

    RESIDENT = "bewoner", _("bewoner")
    GROUP = "groep", _("groep")
    INSTITUTION = "instelling", _("instelling")
    BUSINESS = "bedrijf", _("bedrijf")


# The asset categories that can pledge, and the kind of giver each one is.
GIVER_KINDS = {
    "association": GiverKind.GROUP,
    "institution": GiverKind.INSTITUTION,
    "economy": GiverKind.BUSINESS,
}


GIVER_CATEGORIES = list(GIVER_KINDS)


class Pledge(models.Model):
    """A promise to an initiative: hours, things or money (like residents who each buy a share
    of their community centre). It comes from exactly one giver: a resident, or an organisation
    of the same collective (a group, an institution or a local business: an asset)."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="pledges"
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pledges",
    )
    # RESTRICT, not CASCADE: deleting an organisation must not silently take the money it
    # promised out of an initiative's progress. Unlike PROTECT, it still lets a whole collective
    # be deleted (the pledge goes with its initiative in the same delete).
    giver = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("organisatie"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="pledges",
        limit_choices_to={"category__in": GIVER_CATEGORIES},
    )
    kind = models.CharField(_("wat wordt er beloofd?"), max_length=10, choices=PledgeKind.choices)
    amount = models.DecimalField(
        _("hoeveel"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Uren of euro's. Bij spullen mag dit leeg blijven."),
    )
    description = models.CharField(_("toelichting"), max_length=200, blank=True)
    pledged_on = models.DateField(_("beloofd op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["-pledged_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="materiaal") | Q(amount__isnull=False),
                name="pledge_hours_and_money_have_amount",
            ),
            models.CheckConstraint(
                condition=~Q(kind="materiaal") | ~Q(description=""),
                name="pledge_material_is_described",
            ),
            models.CheckConstraint(
                condition=(Q(resident__isnull=False) & Q(giver__isnull=True))
                | (Q(resident__isnull=True) & Q(giver__isnull=False)),
                name="pledge_has_one_giver",
            ),
        ]

    def __str__(self):
        return f"{self.party}: {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.resident_id and self.giver_id:
            raise ValidationError(
                {"giver": _("Kies een bewoner of een organisatie, niet allebei.")}
            )
        if not self.resident_id and not self.giver_id:
            raise ValidationError(
                {"resident": _("Kies wie het belooft: een bewoner of een organisatie.")}
            )

    @property
    def party(self):
        """The resident or the organisation (asset) that made the pledge."""
        return self.resident if self.resident_id else self.giver

    @property
    def giver_kind(self) -> GiverKind | None:
        if self.resident_id:
            return GiverKind.RESIDENT
        if self.giver_id:
            return GIVER_KINDS.get(self.giver.category)
        return None

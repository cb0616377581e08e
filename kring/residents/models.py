"""What residents write themselves: gifts they offer, asks for help, and answers to asks.

Each record points at the resident who wrote it, so the resident's inzage lists it and their
erasure empties its text (kring.privacy finds every relation to a resident by itself); the
text fields are therefore ``blank=True`` in the model, and the forms require them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.locking import version_field


class ProposalStatus(models.TextChoices):
    PROPOSED = "voorstel", _("wacht op een buurtmaker")
    ACCEPTED = "aangenomen", _("aangenomen")
    DECLINED = "afgewezen", _("niet aangenomen")


class GiftOffer(models.Model):
    """A gift a resident offers on their own; a buurtmaker accepts it (it becomes a gift in the
    inventory) unless the collective lets residents' gifts go live at once."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="gift_offers",
    )
    gift_kind = models.CharField(_("hoofd, handen of hart"), max_length=10)
    title = models.CharField(_("wat ik wil geven"), max_length=200, blank=True)
    description = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("gave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekeken door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("bekeken op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aangeboden gave")
        verbose_name_plural = _("aangeboden gaven")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "status"])]

    def __str__(self):
        return self.title or str(_("(gewist)"))


class AskStatus(models.TextChoices):
    PROPOSED = "voorstel", _("wacht op een buurtmaker")
    OPEN = "open", _("open")
    FOUND = "gevonden", _("iemand gevonden")
    CLOSED = "gesloten", _("gesloten")
    DECLINED = "afgewezen", _("niet aangenomen")


class Ask(models.Model):
    """ "Ik zoek iemand die …": a resident asks the neighbourhood for help. Accepted, it is open
    to neighbours; as a need of an initiative (``need``) or as a standalone burenhulp ask."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="asks",
    )
    text = models.CharField(_("ik zoek iemand die …"), max_length=300, blank=True)
    details = models.TextField(_("meer uitleg"), blank=True)
    neighbourhood = models.ForeignKey(
        "geo.Neighbourhood",
        verbose_name=_("buurt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AskStatus.choices, default=AskStatus.PROPOSED
    )
    need = models.ForeignKey(
        "initiatives.Need",
        verbose_name=_("behoefte van een initiatief"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekeken door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("bekeken op"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "status", "-created_at"])]

    def __str__(self):
        return self.text or str(_("(gewist)"))


class HelpOffer(models.Model):
    """ "Ik help mee": a neighbour answers an ask. A buurtmaker connects them with one click; the
    connections log then holds the tie as burenhulp (``connection``)."""

    ask = models.ForeignKey(
        Ask, verbose_name=_("hulpvraag"), on_delete=models.CASCADE, related_name="help_offers"
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="help_offers",
    )
    message = models.CharField(_("bericht"), max_length=300, blank=True)
    connection = models.ForeignKey(
        "initiatives.Connection",
        verbose_name=_("verbinding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanbod om te helpen")
        verbose_name_plural = _("aanbiedingen om te helpen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ask", "resident"], name="one_help_offer_per_ask")
        ]

    def __str__(self):
        return f"{self.resident} → {self.ask}"

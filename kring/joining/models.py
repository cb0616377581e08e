"""A collective's request to join the network, from the public sign-up page until a network
editor approves or declines it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.communities.models import LegalForm


class RequestStatus(models.TextChoices):
    UNCONFIRMED = "onbevestigd", _("e-mailadres nog niet bevestigd")
    WAITING = "wacht", _("wacht op besluit")
    APPROVED = "goedgekeurd", _("goedgekeurd")
    DECLINED = "afgewezen", _("afgewezen")


class JoinRequest(models.Model):
    """What a collective told about itself when it asked to join. The contact person's name and
    address are personal data: removed when the request is declined or never confirmed
    (kring.joining.services.forget_old_requests)."""

    name = models.CharField(_("naam van het collectief"), max_length=200)
    legal_form = models.CharField(_("rechtsvorm"), max_length=20, choices=LegalForm.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    working_area = models.ManyToManyField(
        "geo.Neighbourhood", verbose_name=_("werkgebied (buurten)"), related_name="+"
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres van de contactpersoon"), blank=True)
    description = models.TextField(_("korte beschrijving"), max_length=1000)
    terms_text = models.TextField(_("voorwaarden waarmee ingestemd is"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.UNCONFIRMED,
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(_("reden van afwijzen"), blank=True)
    collective = models.OneToOneField(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_request",
    )

    class Meta:
        verbose_name = _("aanmelding van een collectief")
        verbose_name_plural = _("aanmeldingen van collectieven")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return self.name

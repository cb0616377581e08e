"""A collective's choice to offer its public assets as open data on its public profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenData(models.Model):
    """Off unless the collective's admin switches it on; only shown while the profile is public."""

    collective = models.OneToOneField(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="open_data",
    )
    publish = models.BooleanField(
        _("openbare bronnen als open data op het openbare profiel"), default=False
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("keuze voor open data")
        verbose_name_plural = _("keuzes voor open data")

    def __str__(self):
        return f"{self.collective_id}: {self.publish}"

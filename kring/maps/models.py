"""Which stories a collective shows in its wijkportret (the one-page picture for a meeting)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PortraitStory(models.Model):
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="portrait_stories",
    )
    asset = models.OneToOneField(
        "assets.Asset",
        verbose_name=_("verhaal"),
        on_delete=models.CASCADE,
        related_name="portrait_choice",
        limit_choices_to={"category": "story"},
    )
    chosen_at = models.DateTimeField(_("gekozen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verhaal in het wijkportret")
        verbose_name_plural = _("verhalen in het wijkportret")
        ordering = ["chosen_at", "id"]

    def __str__(self):
        return str(self.asset)

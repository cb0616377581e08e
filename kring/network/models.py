"""One run of the network analysis: its progress while it runs in the background, and its
result (measures and the stored layout) when done. Results name vertices by key (``r:12``),
never by name: names are looked up when the page is shown, for who may see them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.jobs import BackgroundJob


class NetworkAnalysis(BackgroundJob):
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="network_analyses",
    )
    as_of = models.DateField(_("netwerk op"))
    compare_from = models.DateField(_("vergelijken met"), null=True, blank=True)
    step = models.CharField(_("stap"), max_length=100, blank=True)
    result = models.JSONField(_("uitkomst"), null=True, blank=True)

    class Meta:
        verbose_name = _("netwerkberekening")
        verbose_name_plural = _("netwerkberekeningen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "status", "-created_at"])]

    def __str__(self):
        return f"{self.collective} {self.as_of:%d-%m-%Y}"

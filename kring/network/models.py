"""One run of the network analysis: its progress while it runs in the background, and its
result (measures and the stored layout) when done. Results name vertices by key (``r:12``),
never by name: names are looked up when the page is shown, for who may see them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalysisStatus(models.TextChoices):
    QUEUED = "wacht", _("wacht op zijn beurt")
    RUNNING = "bezig", _("wordt berekend")
    DONE = "klaar", _("klaar")
    FAILED = "mislukt", _("mislukt")


class NetworkAnalysis(models.Model):
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="network_analyses",
    )
    as_of = models.DateField(_("netwerk op"))
    compare_from = models.DateField(_("vergelijken met"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (procent)"), default=0)
    step = models.CharField(_("stap"), max_length=100, blank=True)
    result = models.JSONField(_("uitkomst"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("netwerkberekening")
        verbose_name_plural = _("netwerkberekeningen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "status", "-created_at"])]

    def __str__(self):
        return f"{self.collective} {self.as_of:%d-%m-%Y}"

    @property
    def is_finished(self) -> bool:
        return self.status in (AnalysisStatus.DONE, AnalysisStatus.FAILED)

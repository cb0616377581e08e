"""A collective's choice to offer its public assets as open data on its public profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.jobs import BackgroundJob, JobStatus, PrivateStorage


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


# Moving archives hold every resident of a collective: kept outside MEDIA_ROOT, for a day.
archive_storage = PrivateStorage("KRING_ARCHIVE_ROOT")


def _archive_storage():
    return archive_storage


class ArchiveJob(BackgroundJob):
    """A moving archive made by the background worker for an admin of the collective, kept for
    KRING_ARCHIVE_KEEP_HOURS so the admins can download it, then removed."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="archive_jobs",
    )
    file = models.FileField(
        _("bestand"), storage=_archive_storage, upload_to="%Y/%m/", max_length=200, blank=True
    )
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    rows = models.PositiveIntegerField(_("rijen"), default=0)
    files = models.PositiveIntegerField(_("bestanden"), default=0)

    class Meta:
        verbose_name = _("verhuisarchief")
        verbose_name_plural = _("verhuisarchieven")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "-created_at"])]

    def __str__(self):
        return f"{self.collective_id}: {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def ready(self) -> bool:
        return self.status == JobStatus.DONE and bool(self.file)

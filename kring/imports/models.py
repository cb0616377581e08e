"""One import of a file into a collective: the uploaded file (kept only while needed), the
column mapping the user chose, and the progress and outcome of the run."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.jobs import BackgroundJob, PrivateStorage, job_status

# Uploaded files hold personal data: kept in KRING_IMPORT_ROOT, never under MEDIA_ROOT.
import_storage = PrivateStorage("KRING_IMPORT_ROOT")


def _import_storage():
    return import_storage


class ImportKind(models.TextChoices):
    RESIDENTS = "bewoners", _("Bewoners")
    GIFTS = "gaven", _("Gaven van bewoners")
    ASSETS = "bronnen", _("Andere bronnen (groepen, instellingen, plekken, economie, verhalen)")


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


# An import waits for its columns before it is queued; its running and done say what it does.
ImportStatus = job_status(
    "ImportStatus",
    steps=[
        ("UPLOADED", "geladen", _("bestand geladen, kolommen nog kiezen")),
        ("MAPPED", "gekoppeld", _("kolommen gekozen, klaar om te controleren")),
    ],
    labels={"RUNNING": _("wordt ingelezen"), "DONE": _("klaar: alles is opgeslagen")},
    module=__name__,
)


class ImportJob(BackgroundJob):
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    kind = models.CharField(_("wat"), max_length=10, choices=ImportKind.choices)
    file = models.FileField(
        _("bestand"), storage=_import_storage, upload_to="%Y/%m/", max_length=200, blank=True
    )
    original_name = models.CharField(_("naam van het bestand"), max_length=200)
    file_format = models.CharField(_("soort bestand"), max_length=4, choices=FileFormat.choices)
    encoding = models.CharField(_("tekenset"), max_length=20, blank=True)
    delimiter = models.CharField(_("scheidingsteken"), max_length=1, blank=True)
    header = models.JSONField(_("kolomnamen"), default=list, blank=True)
    row_count = models.PositiveIntegerField(_("aantal rijen"), default=0)
    # Kring field key -> column number (0-based) in the file.
    mapping = models.JSONField(_("koppeling van kolommen"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows_done = models.PositiveIntegerField(_("rijen verwerkt"), default=0)
    # The first errors ([{"row": 7, "column": "E-mail", "message": "…"}]) and how many in all.
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("aantal fouten"), default=0)
    created_counts = models.JSONField(_("opgeslagen"), default=dict, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

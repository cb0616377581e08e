"""Gemeente, wijk and buurt with their CBS codes. Boundaries are GeoJSON geometries (WGS84);
shapely works with them where needed, so no GIS database is required."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.jobs import BackgroundJob, JobStatus, PrivateStorage

from . import codes


class Region(models.Model):
    code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar van de code"))
    boundary = models.JSONField(_("grens (GeoJSON)"), null=True, blank=True)
    # Centre of the boundary, kept so maps and lists need not load the whole geometry.
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("voorbeeldgebied"), default=False, help_text=_("Gemaakt voor de demo, niet echt.")
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        # Names are what people know; the code is shown where it matters (admin, exports).
        return self.name


class Municipality(Region):
    class Meta(Region.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def clean(self):
        codes.validate_municipality_code(self.code)


class District(Region):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="districts",
    )

    class Meta(Region.Meta):
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def clean(self):
        codes.validate_district_code(self.code)
        if self.municipality_id and not codes.district_belongs_to(
            self.code, self.municipality.code
        ):
            raise ValidationError(
                {"code": _("De wijkcode moet beginnen met de cijfers van de gemeentecode.")}
            )


class Neighbourhood(Region):
    district = models.ForeignKey(
        District, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="neighbourhoods"
    )

    class Meta(Region.Meta):
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")

    def clean(self):
        codes.validate_neighbourhood_code(self.code)
        if self.district_id and not codes.neighbourhood_belongs_to(self.code, self.district.code):
            raise ValidationError(
                {"code": _("De buurtcode moet beginnen met de cijfers van de wijkcode.")}
            )


# Uploaded CBS files wait here (outside MEDIA_ROOT) between upload, check and store.
region_upload_storage = PrivateStorage("KRING_IMPORT_ROOT", "regions")


def _region_upload_storage():
    return region_upload_storage


class RegionImport(BackgroundJob):
    """A superuser's upload of a CBS wijk- en buurtkaart in the admin site: first checked in the
    background (``dry_run``), then, when the superuser confirms, stored in the background."""

    file = models.FileField(
        _("bestand"),
        storage=_region_upload_storage,
        upload_to="%Y/%m/",
        max_length=200,
        blank=True,
    )
    original_name = models.CharField(_("naam van het bestand"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar van de CBS-codes"))
    sample = models.BooleanField(_("verzonnen voorbeeldgebieden"), default=False)
    # True while the job is (or was) only the check; False once the superuser chose to store.
    dry_run = models.BooleanField(_("alleen controleren"), default=True)
    # {"municipalities": {"created": 1, "updated": 0}, "districts": …, "neighbourhoods": …}
    counts = models.JSONField(_("aantallen"), default=dict, blank=True)
    # The first errors (Dutch sentences) and how many in all.
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("aantal fouten"), default=0)

    class Meta:
        verbose_name = _("import van CBS-gebieden")
        verbose_name_plural = _("imports van CBS-gebieden")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.year})"

    @property
    def checked(self) -> bool:
        """The check passed and the file waits for the superuser's choice to store it."""
        return self.dry_run and self.status == JobStatus.DONE and bool(self.file)

    @property
    def stored(self) -> bool:
        return not self.dry_run and self.status == JobStatus.DONE

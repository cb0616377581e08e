"""Gemeente, wijk and buurt with their CBS codes. Boundaries are GeoJSON geometries (WGS84);
shapely works with them where needed, so no GIS database is required."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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

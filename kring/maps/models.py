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


class ClusterCell(models.Model):
    """The map's grid clusters, kept ready: per collective, zoom level, grid cell (the cells of
    kring.maps.clustering), category and whether members may see the assets, how many mapped
    assets lie in the cell and the sums of their coordinates and ids. Kept in step with every
    asset change by kring.maps.cells; a cold map answer reads these few hundred rows."""

    collective = models.ForeignKey(
        "communities.Collective", on_delete=models.CASCADE, related_name="+"
    )
    zoom = models.PositiveSmallIntegerField()
    cell_x = models.IntegerField()
    cell_y = models.IntegerField()
    category = models.CharField(max_length=20)
    # True: visibility "leden" or "openbaar" (members see it); False: buurtmakers only.
    members = models.BooleanField()
    n = models.IntegerField()
    sum_lat = models.FloatField()
    sum_lon = models.FloatField()
    # The id of the one asset when n is 1 (a single point).
    sum_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "zoom", "cell_x", "cell_y", "category", "members"],
                name="maps_cluster_cell_key",
            )
        ]

    def __str__(self):
        return f"{self.collective_id}/{self.zoom}/{self.cell_x},{self.cell_y}/{self.category}"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import retention


class GeoConfig(AppConfig):
    name = "kring.geo"
    verbose_name = _("Geografie")

    def ready(self):
        # Reads models: imported once they are loaded.
        from .uploads import purge_old_region_uploads

        retention.register(
            "geo-region-uploads",
            purge_old_region_uploads,
            what="uploaded CBS files deleted",
            period=retention.hours("KRING_IMPORT_KEEP_HOURS"),
            position=20,
        )

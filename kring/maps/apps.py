from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import derived


class MapsConfig(AppConfig):
    name = "kring.maps"
    verbose_name = _("Kaart en wijkportret")

    def ready(self):
        # Models are loaded only now; the modules that read them are imported here.
        from . import receivers
        from .derived import check_cells

        # Checked (and counted again where wrong) after a restore: kring.privacy asks.
        derived.register("maps-cells", check_cells, position=10)
        receivers.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import retention


class ImportsConfig(AppConfig):
    name = "kring.imports"
    verbose_name = _("Importeren")

    def ready(self):
        # Reads models: imported once they are loaded.
        from .services import purge_old_imports

        # Every upload cleans up too; the daily run catches collectives that stopped uploading.
        retention.register(
            "imports-files",
            purge_old_imports,
            what="uploaded import files and their error lists deleted",
            period=retention.hours("KRING_IMPORT_KEEP_HOURS"),
            position=30,
        )

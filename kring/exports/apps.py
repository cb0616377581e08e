from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure, retention


class ExportsConfig(AppConfig):
    name = "kring.exports"
    verbose_name = _("Exporteren")

    def ready(self):
        # Reads models: imported once they are loaded.
        from .archive_jobs import purge_old_archives, withdraw_archives

        def withdraw(*, resident, **kwargs):
            # After an erasure no archive may still hold the erased resident.
            withdraw_archives(collective_id=resident.collective_id)

        erasure.register("exports-archives", withdraw, models=["exports.archivejob"])
        retention.register(
            "exports-archives",
            purge_old_archives,
            what="moving archives deleted",
            period=retention.hours("KRING_ARCHIVE_KEEP_HOURS"),
            position=10,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "kring.assets"
    verbose_name = _("Bronnen")

    def ready(self):
        from kring.core import derived

        from .derived import check_counts

        # Checked (and forgotten where wrong) after a restore: kring.privacy asks.
        derived.register("assets-counts", check_counts, position=30)

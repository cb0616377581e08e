from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "kring.matching"
    verbose_name = _("Zoeken en verbinden")

    def ready(self):
        from kring.core import derived

        from .derived import check_search_index

        # Checked (and made again where wrong) after a restore: kring.privacy asks.
        derived.register("matching-index", check_search_index, position=20)

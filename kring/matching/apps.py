from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.assets.signals import assets_saved
from kring.core import derived


class MatchingConfig(AppConfig):
    name = "kring.matching"
    verbose_name = _("Zoeken en verbinden")

    def ready(self):
        # Modules that read models are imported once the models are loaded.
        from .derived import check_search_index

        # Checked (and made again where wrong) after a restore: kring.privacy asks.
        derived.register("matching-index", check_search_index, position=20)
        # Assets saved by their services are indexed again (kring.assets announces).
        assets_saved.connect(_index, dispatch_uid="matching-index-assets")


def _index(sender, asset_ids, **kwargs):
    # why: apps.py is imported before the models are loaded; the services read them.
    from .services import index_assets

    index_assets(asset_ids=asset_ids)

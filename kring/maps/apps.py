from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "kring.maps"
    verbose_name = _("Kaart en wijkportret")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from kring.assets.models import Asset

        post_save.connect(_asset_changed, sender=Asset, dispatch_uid="maps-asset-saved")
        post_delete.connect(_asset_changed, sender=Asset, dispatch_uid="maps-asset-deleted")


def _asset_changed(sender, instance, **kwargs):
    # Only the map's cache is touched: the next map request reads the assets again.
    from django.core.cache import cache

    from .selectors import fingerprint_key

    cache.delete(fingerprint_key(instance.collective_id))

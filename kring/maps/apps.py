from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import derived


class MapsConfig(AppConfig):
    name = "kring.maps"
    verbose_name = _("Kaart en wijkportret")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

        # Models are loaded only now; the modules that read them are imported here.
        from kring.assets.models import Asset

        from .derived import check_cells

        # Checked (and counted again where wrong) after a restore: kring.privacy asks.
        derived.register("maps-cells", check_cells, position=10)
        pre_save.connect(_asset_saving, sender=Asset, dispatch_uid="maps-asset-saving")
        post_save.connect(_asset_changed, sender=Asset, dispatch_uid="maps-asset-saved")
        pre_delete.connect(_asset_deleting, sender=Asset, dispatch_uid="maps-asset-deleting")
        post_delete.connect(_asset_changed, sender=Asset, dispatch_uid="maps-asset-deleted")


def _asset_saving(sender, instance, update_fields=None, raw=False, **kwargs):
    # What the asset added to the cluster table before this save, read from the database (the
    # object in memory may already hold the new values).
    from .cells import FIELDS, entry_in_database

    if raw:
        # A fixture or a restored backup: its cluster cells come with it, as they were.
        instance._map_cell_before = "unchanged"
        return
    if update_fields is not None and not {*FIELDS, "collective"} & set(update_fields):
        instance._map_cell_before = "unchanged"
    else:
        instance._map_cell_before = entry_in_database(sender, instance.pk)


def _asset_deleting(sender, instance, **kwargs):
    from .cells import entry_of_instance

    instance._map_cell_before = entry_of_instance(instance)


def _asset_changed(sender, instance, **kwargs):
    from django.core.cache import cache

    from .cells import apply_change, entry_of_instance
    from .selectors import fingerprint_key

    before = instance.__dict__.pop("_map_cell_before", None)
    if before != "unchanged":
        deleted = "created" not in kwargs  # post_delete has no "created"
        apply_change(before, None if deleted else entry_of_instance(instance))
    # The map's cache: the next map request asks the database again.
    cache.delete(fingerprint_key(instance.collective_id))

"""The map follows every save and delete of an ``Asset`` (Django's model signals, connected in
``AppConfig.ready``): the asset's entry in the cluster cells moves, and the map's cache of the
collective is dropped."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from kring.assets.models import Asset

from .cells import FIELDS, apply_change, entry_in_database, entry_of_instance
from .selectors import fingerprint_key


def connect() -> None:
    pre_save.connect(_asset_saving, sender=Asset, dispatch_uid="maps-asset-saving")
    post_save.connect(_asset_changed, sender=Asset, dispatch_uid="maps-asset-saved")
    pre_delete.connect(_asset_deleting, sender=Asset, dispatch_uid="maps-asset-deleting")
    post_delete.connect(_asset_changed, sender=Asset, dispatch_uid="maps-asset-deleted")


def _asset_saving(sender, instance, update_fields=None, raw=False, **kwargs):
    # What the asset added to the cluster table before this save, read from the database (the
    # object in memory may already hold the new values).
    if raw:
        # A fixture or a restored backup: its cluster cells come with it, as they were.
        instance._map_cell_before = "unchanged"
        return
    if update_fields is not None and not {*FIELDS, "collective"} & set(update_fields):
        instance._map_cell_before = "unchanged"
    else:
        instance._map_cell_before = entry_in_database(sender, instance.pk)


def _asset_deleting(sender, instance, **kwargs):
    instance._map_cell_before = entry_of_instance(instance)


def _asset_changed(sender, instance, **kwargs):
    before = instance.__dict__.pop("_map_cell_before", None)
    if before != "unchanged":
        deleted = "created" not in kwargs  # post_delete has no "created"
        apply_change(before, None if deleted else entry_of_instance(instance))
    # The map's cache: the next map request asks the database again.
    cache.delete(fingerprint_key(instance.collective_id))

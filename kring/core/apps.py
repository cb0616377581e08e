from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from . import versioning


class CoreConfig(AppConfig):
    name = "kring.core"
    verbose_name = _("Kern")

    def ready(self):
        # Django registers system checks when their module is imported, once apps are ready.
        from . import checks  # noqa: F401

        post_migrate.connect(_data_version_triggers, dispatch_uid="kring-data-version-triggers")


def _data_version_triggers(sender, using, **kwargs):
    """Again after every migrate: SQLite loses a table's triggers when a migration rebuilds the
    table to alter it (kring.core.versioning)."""
    if sender.name != "kring.core":
        return
    versioning.install(connections[using])

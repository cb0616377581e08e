from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "kring.impact"
    verbose_name = _("Opbrengsten en gemeente")

    def ready(self):
        from . import store

        store.connect()

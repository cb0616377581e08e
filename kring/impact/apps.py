from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import derived, overview


class ImpactConfig(AppConfig):
    name = "kring.impact"
    verbose_name = _("Opbrengsten en gemeente")

    def ready(self):
        # Modules that read models are imported once the models are loaded.
        from . import changes, own, prepared
        from .derived import check_figures

        changes.connect()
        prepared.connect()
        # The collective's own figures over time lead its overview page (floor 2 may not
        # import this app, so the overview asks the registry).
        overview.register("impact-own-trends", own.overview_section, position=10)
        # Checked (and removed where wrong) after a restore: kring.privacy asks.
        derived.register("impact-figures", check_figures, position=40)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import derived, overview, versioning


class ImpactConfig(AppConfig):
    name = "kring.impact"
    verbose_name = _("Opbrengsten en gemeente")

    def ready(self):
        # Modules that read models are imported once the models are loaded.
        from kring.core.pagecache import TTL

        from . import changes, own, prepared
        from .derived import check_figures

        changes.connect()
        prepared.connect()
        # The collective's own figures over time lead its overview page (floor 2 may not
        # import this app, so the overview asks the registry). They count only watched tables
        # (residents, gifts, connections, activities, initiatives) over the twelve months up to
        # today, so they are kept under the versions of those kinds and today's date.
        overview.register(
            "impact-own-trends",
            own.overview_section,
            position=10,
            kept_for=TTL,
            varies=own.overview_varies,
            shows=(
                versioning.COLLECTIVE,
                versioning.PEOPLE,
                versioning.assets_of("gift"),
                versioning.CONNECTIONS,
                versioning.INITIATIVES,
            ),
        )
        # Checked (and removed where wrong) after a restore: kring.privacy asks.
        derived.register("impact-figures", check_figures, position=40)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import overview, retention


class JoiningConfig(AppConfig):
    name = "kring.joining"
    verbose_name = _("Aanmelden bij het netwerk")

    def ready(self):
        # These modules read models: imported once they are loaded.
        from . import onboarding, services

        # The overview lives on a lower floor: it asks the registry for the checklist.
        overview.register("joining-checklist", onboarding.overview_section, position=5)
        retention.register(
            "joining-contacts",
            services.purge_old_contacts,
            what="contact details of declined or unconfirmed sign-ups wiped",
            period=retention.days("KRING_RETENTION_JOIN_REQUEST_DAYS"),
            position=40,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JoiningConfig(AppConfig):
    name = "kring.joining"
    verbose_name = _("Aanmelden bij het netwerk")

    def ready(self):
        from kring.core import overview
        from kring.privacy.events import retention_due

        from . import onboarding, services

        # The overview lives on a lower floor: it asks the registry for the checklist.
        overview.register("joining-checklist", onboarding.overview_section, position=5)
        retention_due.connect(services.on_retention_due, dispatch_uid="joining-retention")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "kring.notices"
    verbose_name = _("Berichten aan bewoners")

    def ready(self):
        from kring.core import overview

        from . import receivers  # noqa: F401  (connects to the lower apps' signals)
        from .selectors import followup_section

        overview.register("notices-followups", followup_section, position=60)

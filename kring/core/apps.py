from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kring.core"
    verbose_name = _("Kern")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)

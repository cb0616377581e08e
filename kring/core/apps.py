from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kring.core"
    verbose_name = _("Kern")

    def ready(self):
        # Django registers system checks when their module is imported, once apps are ready.
        from . import checks  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "kring.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kring.core import retention


class PublicConfig(AppConfig):
    name = "kring.public"
    verbose_name = _("Openbare site van het netwerk")

    def ready(self):
        # The services read models: imported once they are loaded.
        from .services import academy

        retention.register(
            "public-registrations",
            academy.purge_old_registrations,
            what="names and addresses of academy registrations wiped",
            period=lambda: f"{settings.KRING_RETENTION_REGISTRATION_DAYS} days after the meeting",
            position=50,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "kring.public"
    verbose_name = _("Openbare site van het netwerk")

    def ready(self):
        # Imported here: the signal's module and the services load models.
        from kring.privacy.events import retention_due

        from .services import academy

        retention_due.connect(academy.on_retention_due, dispatch_uid="public-registrations")

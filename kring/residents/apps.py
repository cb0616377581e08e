from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure


class ResidentsConfig(AppConfig):
    name = "kring.residents"
    verbose_name = _("Bewoners doen zelf mee")

    def ready(self):
        # Asks, offers of help and offered gifts point at the resident: the erasure empties
        # their free text with the resident's other records; nothing else to do here.
        erasure.register(
            "residents-writings",
            models=["residents.ask", "residents.giftoffer", "residents.helpoffer"],
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "kring.maps"
    verbose_name = _("Kaart en wijkportret")

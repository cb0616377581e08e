from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "kring.public"
    verbose_name = _("Openbare site van het netwerk")

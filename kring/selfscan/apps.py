from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfscanConfig(AppConfig):
    name = "kring.selfscan"
    verbose_name = _("Zelfscan voor gemeenten")

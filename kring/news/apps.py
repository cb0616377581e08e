from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "kring.news"
    verbose_name = _("Nieuws van het collectief")

    def ready(self):
        from kring.privacy.events import resident_erased

        from .services import forget_resident

        resident_erased.connect(forget_resident, dispatch_uid="news-forget-resident")

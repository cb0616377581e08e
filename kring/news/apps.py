from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure


class NewsConfig(AppConfig):
    name = "kring.news"
    verbose_name = _("Nieuws van het collectief")

    def ready(self):
        # The services read models: imported once they are loaded.
        from .services import forget_resident

        # An erased resident's delivery rows stop pointing at them (the counts stay).
        erasure.register(
            "news-deliveries",
            lambda *, resident, **_: forget_resident(None, resident),
            models=["news.delivery"],
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure, overview


class NoticesConfig(AppConfig):
    name = "kring.notices"
    verbose_name = _("Berichten aan bewoners")

    def ready(self):
        # These modules read models: imported once they are loaded.
        from . import receivers  # noqa: F401  (connects to the lower apps' signals)
        from .selectors import followup_section
        from .services import forget_resident

        overview.register("notices-followups", followup_section, position=60)
        erasure.register(
            "notices",
            lambda *, resident, **_: forget_resident(resident=resident),
            models=[
                "notices.noticepreference",
                "notices.noticedelivery",
                "notices.noticeitem",
                "notices.followup",
            ],
        )

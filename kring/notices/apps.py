from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure, overview, versioning


class NoticesConfig(AppConfig):
    name = "kring.notices"
    verbose_name = _("Berichten aan bewoners")

    def ready(self):
        # These modules read models: imported once they are loaded.
        from kring.core.pagecache import TTL

        from . import receivers  # noqa: F401  (connects to the lower apps' signals)
        from .selectors import followup_section
        from .services import forget_resident

        # The buurtmakers' to-do list shows the collective's open follow-ups: their rows
        # (notices_followup, of the kind connections) and the connections, residents, assets,
        # initiatives and needs they name are all watched, and a to-do that becomes due is a
        # new row (ask_followups), so it is kept. The same for every buurtmaker and beheerder:
        # nothing in it is anyone's own.
        overview.register(
            "notices-followups",
            followup_section,
            position=60,
            kept_for=TTL,
            shows=(
                versioning.COLLECTIVE,
                versioning.CONNECTIONS,
                versioning.PEOPLE,
                versioning.ASSETS,
                versioning.INITIATIVES,
            ),
        )
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

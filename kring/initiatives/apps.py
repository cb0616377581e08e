from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import erasure


class InitiativesConfig(AppConfig):
    name = "kring.initiatives"
    verbose_name = _("Initiatieven")

    def ready(self):
        # Participation keeps counting: the links to an erased resident stay, to the empty
        # record. The free text of pledges and connections that name them is emptied by the
        # erasure's rule for every record pointing at a resident (other_relations).
        erasure.register(
            "initiatives-participation",
            models=[
                "initiatives.initiative",
                "initiatives.activity",
                "initiatives.initiative_initiators",
                "initiatives.initiative_participants",
                "initiatives.activity_attendees",
                "initiatives.pledge",
                "initiatives.connection",
            ],
        )

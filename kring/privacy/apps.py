from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kring.core import audit, erasure


class PrivacyConfig(AppConfig):
    name = "kring.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        # Both read models: imported once they are loaded (signals connects the receivers).
        from . import audit as audit_log
        from . import signals  # noqa: F401

        # Every app writes the log through kring.core.audit, which hands it to this app.
        audit.set_writer(audit_log)

        # What the erasure itself does (kring.privacy.services.erase_resident): the record
        # becomes an empty shell, gifts and stories told alone go with their history's text,
        # consents are withdrawn, invitations deleted, conversations keep counting; the
        # receipt keeps numbers only.
        erasure.register(
            "privacy-resident",
            models=[
                "people.resident",
                "people.consent",
                "people.conversation",
                "communities.invitation",
                "assets.asset",
                "assets.asset_tellers",
                "assets.historicalasset",
                "privacy.erasurereceipt",
            ],
            position=0,
        )

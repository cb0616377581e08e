from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who looked at or changed personal data, and when. Written only through
    kring.privacy.audit.record(); never changed afterwards."""

    class Action(models.TextChoices):
        VIEW = "view", _("bekeken")
        CREATE = "create", _("aangemaakt")
        CHANGE = "change", _("gewijzigd")
        DELETE = "delete", _("verwijderd")
        CONSENT = "consent", _("toestemming vastgelegd")
        WITHDRAW = "withdraw", _("toestemming ingetrokken")
        EXPORT = "export", _("geëxporteerd")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        null=True,
        related_name="audit_entries",
    )
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    target_type = models.CharField(_("soort gegeven"), max_length=50)
    target_id = models.CharField(_("nummer"), max_length=50)
    summary = models.CharField(_("omschrijving"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["collective", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_type}#{self.target_id}"

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.core.audit import Action


class AuditEntry(models.Model):
    """Who looked at or changed personal data, and when. Written only through
    kring.privacy.audit.record(); never changed afterwards. Each entry carries the hash of its
    own content and of the entry before it in the same collective's chain, so that a changed or
    removed row shows (see kring.privacy.audit.verify_chain)."""

    Action = Action

    # Set by record() before hashing; auto_now_add would overwrite it after the hash was made.
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # The actor's number at the time, kept in the hash: it stays when the log-in is removed.
    actor_ref = models.PositiveBigIntegerField(null=True, editable=False)
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
    # Which resident the entry is about, so inzage can list it; a number, never a name.
    subject_id = models.PositiveBigIntegerField(_("over bewoner"), null=True, db_index=True)
    summary = models.CharField(_("omschrijving"), max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)
    # How ``hash`` was made: "hmac-sha256" (keyed with KRING_AUDIT_KEY) since the keyed chain;
    # "sha256" for entries written before it, which stay checkable.
    algorithm = models.CharField(max_length=20, default="hmac-sha256", editable=False)
    # For an entry moved here with its collective: its hash in the installation it came from.
    origin_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["collective", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_type}#{self.target_id}"


class AuditCheckpoint(models.Model):
    """Where a collective's chain continues after old entries passed their retention period:
    the hash of the last removed entry. Without it a removed beginning could not be told apart
    from tampering."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    last_hash = models.CharField(_("controlegetal van de laatste verwijderde regel"), max_length=64)
    removed = models.PositiveIntegerField(_("aantal verwijderde regels"))
    removed_until = models.DateTimeField(_("verwijderd tot"))
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    # The number of the last removed entry, and a keyed hash over this checkpoint, so that a
    # checkpoint cannot be made up to hide a removed beginning (empty: made before the key).
    last_entry_id = models.PositiveBigIntegerField(
        _("nummer van de laatste verwijderde regel"), null=True
    )
    mac = models.CharField(_("sleutel-controlegetal"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("ijkpunt van het logboek")
        verbose_name_plural = _("ijkpunten van het logboek")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.collective_id}: {self.removed} removed until {self.removed_until:%Y-%m-%d}"


class ErasureReceipt(models.Model):
    """What an erasure found and did: kept for the collective's buurtmakers as proof, and so
    that texts left as they were can be looked at again. It names no one: titles are kept with
    the resident's name masked, and the resident only as the erased shell's number."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("op verzoek van de bewoner")
        SELF = "self", _("door de bewoner zelf")
        RETENTION = "retention", _("bewaartermijn verlopen")

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="erasure_receipts",
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("gewist op"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("waarom"), max_length=10, choices=Reason.choices)
    # Counts of what the erasure removed (see kring.privacy.services.Erasure).
    done = models.JSONField(_("wat is gewist"), default=dict, blank=True)
    # One entry per text that named the resident: model, field, number, masked title, link,
    # what happened ("cleared", "edited", "removed", "left") and why it was left.
    mentions = models.JSONField(_("teksten met de naam"), default=list, blank=True)

    class Meta:
        verbose_name = _("bewijs van wissen")
        verbose_name_plural = _("bewijzen van wissen")
        ordering = ["-erased_at", "-id"]

    def __str__(self):
        return f"{self.collective_id}: {self.erased_at:%Y-%m-%d %H:%M} ({self.reason})"

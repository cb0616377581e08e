"""The one helper through which every service that touches personal data writes the audit log.

The log itself (its table, the hash chain, inzage) belongs to ``kring.privacy``, which stands on
a higher floor than most apps that write it. So the writing goes through here: ``kring.privacy``
hands its writer to ``set_writer`` in ``AppConfig.ready``, and the apps call ``record`` and
``record_many`` and ``save_and_record`` of this module with the same arguments as ``kring.privacy.audit``'s. Without a
writer these raise: personal data is never touched without a log entry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("bekeken")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    CONSENT = "consent", _("toestemming vastgelegd")
    WITHDRAW = "withdraw", _("toestemming ingetrokken")
    EXPORT = "export", _("geëxporteerd")
    ERASE = "erase", _("gewist")
    RETENTION = "retention", _("bewaartermijn verlopen")


_writer = None


def set_writer(writer) -> None:
    """``writer`` has ``record``, ``record_many`` and ``save_and_record`` (kring.privacy.audit)."""
    global _writer
    _writer = writer


def _require():
    if _writer is None:
        raise RuntimeError("no audit log is installed: add kring.privacy to INSTALLED_APPS")
    return _writer


def record(*args, **kwargs):
    """Log one action (the arguments of kring.privacy.audit.record)."""
    return _require().record(*args, **kwargs)


def record_many(*args, **kwargs) -> int:
    """Log one action about many residents at once (kring.privacy.audit.record_many)."""
    return _require().record_many(*args, **kwargs)


def save_and_record(*args, **kwargs):
    """Save a row and log it, both or neither (kring.privacy.audit.save_and_record)."""
    return _require().save_and_record(*args, **kwargs)

"""The one helper through which every service that touches personal data writes the audit log."""

from django.db import models

from .models import AuditEntry

Action = AuditEntry.Action


def record(
    *, actor, collective, action: str, target: models.Model, summary: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        collective=collective,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
    )

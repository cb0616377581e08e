"""Listening to lower apps: a deleted collective takes its audit chain along (the rows hang on
it), so the chain without a collective records where that chain ended, with the key. Without it
the anchors outside the database could not tell a deleted collective from an emptied log.
Apps above this one take part in an erasure through ``kring.core.erasure``."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from kring.communities.models import Collective

from . import audit
from .models import AuditEntry


@receiver(pre_delete, sender=Collective, dispatch_uid="privacy-close-audit-chain")
def close_audit_chain(sender, instance, **kwargs):
    entries = AuditEntry.objects.filter(collective_id=instance.pk)
    last = entries.order_by("-id").values_list("id", "hash").first()
    if last is None:
        return
    audit.record(
        actor=None,
        collective=None,
        action=audit.Action.DELETE,
        target=instance,
        summary=f"collectief verwijderd met zijn logboek: {entries.count()} regels, "
        f"laatste regel {last[0]} {last[1]}",
    )

"""Listening to the lower apps: a new need, or a neighbour's standalone burenhulp ask, is
matched to residents in the background."""

from django.dispatch import receiver

from kring.initiatives.signals import needs_created
from kring.residents.signals import asks_opened

from .tasks import prepare_notices_task


@receiver(needs_created, dispatch_uid="notices-new-needs")
def new_needs(sender, needs, **kwargs):
    prepare_notices_task.enqueue(need_ids=[n.pk for n in needs])


@receiver(asks_opened, dispatch_uid="notices-new-asks")
def new_asks(sender, asks, **kwargs):
    prepare_notices_task.enqueue(ask_ids=[a.pk for a in asks])

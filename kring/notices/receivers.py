"""Listening to the lower apps: a new need is matched to residents in the background."""

from django.dispatch import receiver

from kring.initiatives.signals import needs_created

from .tasks import prepare_notices_task


@receiver(needs_created, dispatch_uid="notices-new-needs")
def new_needs(sender, needs, **kwargs):
    prepare_notices_task.enqueue(need_ids=[n.pk for n in needs])

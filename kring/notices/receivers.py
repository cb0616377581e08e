"""Listening to the lower apps: a new need is matched to residents in the background; an
erased resident's notice data goes with the erasure."""

from django.dispatch import receiver

from kring.initiatives.signals import needs_created
from kring.privacy.signals import resident_erased

from . import services
from .tasks import prepare_notices_task


@receiver(needs_created, dispatch_uid="notices-new-needs")
def new_needs(sender, needs, **kwargs):
    prepare_notices_task.enqueue(need_ids=[n.pk for n in needs])


@receiver(resident_erased, dispatch_uid="notices-erase-resident")
def erase_resident(sender, resident, **kwargs):
    services.forget_resident(resident=resident)

"""A counted record changed (saved or deleted through the ORM, or written in bulk by an
import): the collective's kept counts (``store``) and its own figures in the cache are
forgotten, and the background worker prepares the gemeenten's figures again
(``tasks.prepare_after_change``). Connected to the models' signals in ``AppConfig.ready``."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from kring.initiatives.models import Initiative

from . import store
from .models import FigureStore
from .own import own_cache_key
from .tasks import prepare_after_change


def forget(collective_id) -> None:
    """The collective's data changed: count it again at the next question, and have the
    background worker do that before anyone asks."""
    if collective_id:
        FigureStore.objects.filter(
            kind=FigureStore.Kind.COUNTS, collective_id=collective_id
        ).delete()
        cache.delete(own_cache_key(collective_id))
        prepare_after_change(collective_id)


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # a fixture or a restored backup brings its kept figures along
    collective_id = getattr(instance, "collective_id", None)
    if collective_id is None and getattr(instance, "initiative_id", None):
        collective_id = (
            Initiative.objects.filter(pk=instance.initiative_id)
            .values_list("collective_id", flat=True)
            .first()
        )
    forget(collective_id)


def _tasks_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        forget(instance.collective_id)
        return
    # From a task's side: the initiatives added or removed (all of them when cleared).
    FigureStore.objects.filter(kind=FigureStore.Kind.COUNTS).filter(
        **({"collective__initiatives__in": pk_set} if pk_set else {})
    ).delete()


def connect() -> None:
    for model, *_rest in store.counted():
        post_save.connect(_changed, sender=model, dispatch_uid=f"impact-store-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"impact-store-del-{model.__name__}"
        )
    m2m_changed.connect(
        _tasks_changed, sender=Initiative.tasks.through, dispatch_uid="impact-store-tasks"
    )

"""Background workers on several machines: each task runs once, and a dead worker's task runs
again.

django-tasks' database worker claims a task by locking its row, so two workers never take the
same task. What it cannot know is that a worker died while running one: the task would stay
"running" for ever. ``kring_worker`` therefore runs the same worker with a heartbeat beside it.
Every worker writes its heartbeat every ``KRING_WORKER_HEARTBEAT_SECONDS`` and, in the
same beat, puts back in the queue the tasks of workers whose heartbeat is older than
``KRING_WORKER_DEAD_AFTER_SECONDS``. Only
workers that ever wrote a heartbeat are judged, so a plain ``db_worker`` (the demo) is never
mistaken for a dead one. Kring's tasks start their job from the beginning and write their
result in one transaction, so running one again after a crash is safe."""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

log = logging.getLogger(__name__)


def heartbeat_seconds() -> float:
    return settings.KRING_WORKER_HEARTBEAT_SECONDS


def dead_after_seconds() -> float:
    return settings.KRING_WORKER_DEAD_AFTER_SECONDS


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


def requeue_from_dead_workers(*, now=None) -> int:
    """Put the running tasks of dead workers back in the queue; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=dead_after_seconds())
    dead = set(
        WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).values_list("worker_id", flat=True)
    )
    if not dead:
        return 0
    requeued = 0
    with transaction.atomic():
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        if connection.features.has_select_for_update_skip_locked:
            # A task a live worker is finishing right now is locked by it: skip, don't wait.
            running = running.select_for_update(skip_locked=True)
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in dead:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                requeued += 1
                log.warning(
                    "task %s of dead worker %s is queued again", result.pk, result.worker_ids[-1]
                )
        WorkerHeartbeat.objects.filter(worker_id__in=dead, seen_at__lt=cutoff).delete()
    return requeued


class Heartbeat(threading.Thread):
    """Beats for ``worker_id`` until stopped; removes its row when the worker ends normally."""

    def __init__(self, worker_id: str, interval: float | None = None):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.interval = interval or heartbeat_seconds()
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            while not self._stop_event.is_set():
                try:
                    close_old_connections()
                    beat(self.worker_id)
                    requeue_from_dead_workers()
                except Exception:  # the database is away for a moment: try at the next beat
                    log.warning("worker heartbeat failed", exc_info=True)
                self._stop_event.wait(self.interval)
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=self.interval + 5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception:
            log.warning("could not remove the heartbeat of %s", self.worker_id, exc_info=True)

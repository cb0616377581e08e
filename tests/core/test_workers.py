"""A dead worker's running task goes back in the queue; a live one's never does."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kring.core.models import WorkerHeartbeat
from kring.core.workers import beat, requeue_from_dead_workers

pytestmark = pytest.mark.django_db


def _running(worker_id):
    return DBTaskResult.objects.create(
        task_path="tests.multinode.tasks.leave_mark",
        args_kwargs={"args": [], "kwargs": {}},
        status="RUNNING",
        backend_name="default",
        worker_ids=[worker_id],
        priority=0,
        run_after=timezone.now(),
        queue_name="default",
    )


def test_only_the_task_of_a_silent_worker_is_queued_again(settings):
    settings.KRING_WORKER_DEAD_AFTER_SECONDS = 30
    beat("alive")
    beat("dead")
    WorkerHeartbeat.objects.filter(worker_id="dead").update(
        seen_at=timezone.now() - timedelta(seconds=31)
    )
    of_alive, of_dead, of_plain = _running("alive"), _running("dead"), _running("db-worker")

    assert requeue_from_dead_workers() == 1
    for task, status in ((of_alive, "RUNNING"), (of_dead, "READY"), (of_plain, "RUNNING")):
        task.refresh_from_db()
        assert task.status == status
    # The dead worker is forgotten; a plain db_worker (no heartbeat) is never judged.
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"alive"}
    assert requeue_from_dead_workers() == 0


def test_a_worker_is_named_after_its_machine_and_process(monkeypatch, settings):
    import os
    import socket

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    seen = {}

    def run(self):
        seen["id"] = self.worker_id

    monkeypatch.setattr(db_worker.Worker, "run", run)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)
    call_command("kring_worker", "--batch")
    host = socket.gethostname().split(".")[0][:30]
    assert seen["id"].startswith(f"{host}-{os.getpid()}-")
    # Its heartbeat goes when it stops.
    assert not WorkerHeartbeat.objects.filter(worker_id=seen["id"]).exists()

"""``manage.py kring_worker``: django-tasks' database worker with a heartbeat, for running one or
more workers on one or more machines (see kring.core.workers and docs/deploy.md). It takes the
same options as ``db_worker``."""

import os
import socket

from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from kring.core.workers import Heartbeat


class Command(DbWorkerCommand):
    help = "Run a background worker that others take over from when it dies"

    def handle(self, *args, **options):
        if not options.get("worker_id") or options["worker_id"] == self._default_id():
            # Readable in the task list and unique across machines.
            host = socket.gethostname().split(".")[0][:30]
            options["worker_id"] = f"{host}-{os.getpid()}-{get_random_string(8)}"
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()

    def _default_id(self):
        parser = self.create_parser("manage.py", "kring_worker")
        return parser.get_default("worker_id")

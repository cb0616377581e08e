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

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # db_worker's default is a random string; ours says which machine and process it is.
        parser.set_defaults(worker_id=None)

    def handle(self, *args, **options):
        if not options.get("worker_id"):
            host = socket.gethostname().split(".")[0][:30]
            options["worker_id"] = f"{host}-{os.getpid()}-{get_random_string(8)}"
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()

from django.core.management.base import BaseCommand

from kring.core.jobs import waiting
from kring.notices import services
from kring.notices.tasks import send_notices_task


class Command(BaseCommand):
    help = (
        "Send the notices of new asks that are due and ask about connections that are old "
        "enough; with --enqueue, start the periodic run in the background worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="start the periodic run in the background worker (manage.py db_worker): it "
            "repeats every KRING_NOTICES_INTERVAL_MINUTES; starting it again does not double it",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            if waiting(send_notices_task):
                self.stdout.write("The periodic notices run is already waiting in the queue.")
                return
            result = send_notices_task.enqueue()
            self.stdout.write(f"Enqueued the periodic notices run {result.id}")
            return
        sent = services.send_due()
        asked = services.ask_followups()
        self.stdout.write(f"notices: {sent}; follow-ups: {asked}")

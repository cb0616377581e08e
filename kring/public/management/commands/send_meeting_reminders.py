from django.core.management.base import BaseCommand

from kring.core.jobs import waiting
from kring.public.services import academy_sending
from kring.public.tasks import send_meeting_reminders_task


class Command(BaseCommand):
    help = (
        "Send the academy's meeting reminders that are due (each registration once); with "
        "--enqueue, start the periodic run in the background worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="start the periodic run in the background worker (manage.py db_worker): it "
            "repeats every KRING_ACADEMY_REMINDER_INTERVAL_MINUTES; starting it again does not "
            "double it",
        )

    def handle(self, *args, enqueue: bool, **options):
        if enqueue:
            if waiting(send_meeting_reminders_task):
                self.stdout.write("The periodic reminder run is already waiting in the queue.")
                return
            result = send_meeting_reminders_task.enqueue()
            self.stdout.write(f"Enqueued the periodic reminder run {result.id}")
            return
        self.stdout.write(f"reminders: {academy_sending.send_due_reminders()}")

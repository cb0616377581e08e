from django.core.management.base import BaseCommand

from kring.privacy.retention import apply_retention
from kring.privacy.tasks import apply_retention_task


class Command(BaseCommand):
    help = (
        "Erase or delete what passed its retention period (KRING_RETENTION_* settings). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only list what would be removed"
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="hand the run to the background worker (manage.py db_worker) and return",
        )

    def handle(self, *args, dry_run: bool, enqueue: bool, **options):
        if enqueue and not dry_run:
            result = apply_retention_task.enqueue()
            self.stdout.write(f"Enqueued retention run {result.id}")
            return
        result = apply_retention(dry_run=dry_run)
        for kind, count, period in result.lines():
            self.stdout.write(f"{kind}: {count} (after {period})")
        if result.residents:
            self.stdout.write("residents: " + ", ".join(str(pk) for pk in result.residents))
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS("Retention applied."))

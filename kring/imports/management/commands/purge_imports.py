from django.core.management.base import BaseCommand

from kring.imports.services import purge_old_imports


class Command(BaseCommand):
    help = (
        "Delete uploaded import files and their error lists older than KRING_IMPORT_KEEP_HOURS "
        "(run daily by cron; every new upload does it too)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count, delete nothing")

    def handle(self, *args, dry_run=False, **options):
        cleaned = purge_old_imports(dry_run=dry_run)
        verb = "would be cleaned" if dry_run else "cleaned"
        self.stdout.write(f"{cleaned} imports {verb}")

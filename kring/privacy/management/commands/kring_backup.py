from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kring.privacy.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Write the database contents and uploaded files to one archive (tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive to write, e.g. kring.tar.gz")
        parser.add_argument(
            "--dry-run", action="store_true", help="only count what would be written"
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not dry_run and file.exists():
            raise CommandError(f"{file} bestaat al. Kies een nieuwe naam; we overschrijven niets.")
        if not file.parent.is_dir():
            raise CommandError(f"De map {file.parent} bestaat niet.")
        try:
            summary = write_backup(file, dry_run=dry_run)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(summary.counts.items()):
            if count:
                self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            f"{summary.rows} rows, {summary.media_files} files ({summary.media_bytes} bytes)"
        )
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Backup written to {file}"))

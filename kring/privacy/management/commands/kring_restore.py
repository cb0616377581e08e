from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kring.privacy.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by kring_backup into an empty, migrated database "
        "(run 'manage.py migrate' first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive made by kring_backup")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check the archive and the database, change nothing",
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            summary = restore_backup(file, dry_run=dry_run)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(summary.counts.items()):
            if count:
                self.stdout.write(f"{label}: {count}")
        self.stdout.write(
            f"{summary.rows} rows, {summary.media_files} files ({summary.media_bytes} bytes)"
        )
        for outcome in summary.derived:
            self.stdout.write(outcome.sentence())
        for finding in summary.audit_findings:
            self.stderr.write(finding)
        if summary.audit_findings:
            self.stderr.write(
                "Het logboek in deze backup klopt niet met zijn eigen ijkpunt (zie hierboven). "
                "De gegevens zijn wel teruggezet; bewaar de backup en zoek uit wat er gebeurde."
            )
        if dry_run:
            self.stdout.write("Dry run: the archive is readable and fits; nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS("Restored."))

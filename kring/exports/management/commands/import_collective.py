from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kring.exports.archive import ArchiveError, import_collective


class Command(BaseCommand):
    help = _(
        "Leest een verhuisarchief van export_collective in: alles of niets, met nieuwe nummers. "
        "Gemeente en buurten moeten hier al bestaan (zelfde CBS-codes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("het zip-archief"))
        parser.add_argument("--slug", default=None, help=_("andere korte naam voor het collectief"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("alles controleren, niets opslaan")
        )

    def handle(self, *args, file, slug, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Het bestand %(file)s bestaat niet.") % {"file": path})
        try:
            summary = import_collective(path, slug=slug, dry_run=dry_run)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        for label, count in sorted(summary.counts.items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(_("Bestanden: %(n)d") % {"n": summary.files})
        for email in summary.users_created:
            self.stdout.write(_("Nieuwe inlog (nog niet actief): %(email)s") % {"email": email})
        for email in summary.invited:
            self.stdout.write(_("Uitnodiging verstuurd aan %(email)s") % {"email": email})
        for note in summary.notes:
            self.stdout.write(note)
        if dry_run:
            self.stdout.write(_("Proefrun: het archief is in orde. Er is niets opgeslagen."))
        else:
            self.stdout.write(
                self.style.SUCCESS(_("Klaar: %(slug)s") % {"slug": summary.collective.slug})
            )

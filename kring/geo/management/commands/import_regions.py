from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.geo.services import import_regions


class Command(BaseCommand):
    help = _(
        "Leest gemeenten, wijken en buurten uit de wijk- en buurtkaart van het CBS (GeoJSON in "
        "WGS84). Alles of niets: bij een fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("GeoJSON-bestand van het CBS"))
        parser.add_argument(
            "--year",
            type=int,
            default=timezone.now().year,
            help=_("jaar van de CBS-codes (standaard dit jaar)"),
        )
        parser.add_argument(
            "--sample", action="store_true", help=_("markeer de gebieden als verzonnen voorbeeld")
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("alleen controleren en tellen, niets opslaan"),
        )

    def handle(self, *args, file, year, sample, dry_run, **options):
        result = import_regions(features=file, year=year, sample=sample, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(
                _("%(count)d fout(en) gevonden. Er is niets opgeslagen.")
                % {"count": len(result.errors)}
            )
        if dry_run:
            self.stdout.write(_("Proefrun: het bestand is in orde. Er is niets opgeslagen."))
        created, updated = _("nieuw"), _("bijgewerkt")
        for label, counts in (
            (_("Gemeenten"), result.municipalities),
            (_("Wijken"), result.districts),
            (_("Buurten"), result.neighbourhoods),
        ):
            self.stdout.write(f"{label}: {counts.created} {created}, {counts.updated} {updated}")
        if not dry_run:
            self.stdout.write(self.style.SUCCESS(_("Klaar: de gebieden zijn opgeslagen.")))

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kring.communities.models import Collective
from kring.exports.archive import LEFT_OUT, export_collective


class Command(BaseCommand):
    help = _(
        "Schrijft een heel collectief (gegevens en bestanden) in één zip-archief, om het in een "
        "andere Kring-installatie in te lezen met import_collective."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help=_("korte naam van het collectief"))
        parser.add_argument("file", help=_("naam van het zip-bestand dat wordt gemaakt"))

    def handle(self, *args, slug, file, **options):
        collective = Collective.objects.filter(slug=slug).first()
        if collective is None:
            raise CommandError(
                _("Er is geen collectief met de korte naam '%(slug)s'.") % {"slug": slug}
            )
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(_("De map %(dir)s bestaat niet.") % {"dir": path.parent})
        manifest = export_collective(collective, path)
        for label, count in sorted(manifest["counts"].items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(_("Bestanden: %(n)d") % {"n": len(manifest["files"])})
        moved = manifest["audit"]
        self.stdout.write(
            _(
                "Logboek (privacy.auditentry): %(n)d regels, laatste code %(head)s, "
                "controlegetal %(digest)s (ook in het ijkpuntbestand van deze installatie)"
            )
            % {"n": moved["entries"], "head": moved["head"] or "-", "digest": moved["digest"]}
        )
        for name in manifest["missing_files"]:
            self.stderr.write(_("Bestand ontbreekt in de opslag: %(name)s") % {"name": name})
        self.stdout.write(_("Niet meegenomen:"))
        for label, reason in LEFT_OUT.items():
            self.stdout.write(f"  {label}: {reason}")
        self.stdout.write(self.style.SUCCESS(_("Klaar: %(file)s") % {"file": path}))

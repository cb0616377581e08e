from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kring.demo.builder import SIZES, DemoError, load_demo
from kring.initiatives.models import ConnectionKind, GiverKind, NeedStatus, Question, Status


class Command(BaseCommand):
    help = _(
        "Laadt de demo: de verzonnen gemeente Kringstad met drie collectieven zoals ze er na "
        "ruim een jaar gebruik uitzien, en een inlog voor elke rol. Een eerdere demo wordt "
        "eerst weggehaald."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="full",
            help=_("small: minder bewoners, voor tests (standaard: full)"),
        )

    def handle(self, *args, **options):
        try:
            result = load_demo(size=options["size"])
        except DemoError as exc:
            raise CommandError(str(exc)) from exc

        self.stdout.write(
            self.style.SUCCESS(
                _("Demo geladen in %(seconds).1f seconden.") % {"seconds": result.seconds}
            )
        )
        self._counts(result.summary)
        self.stdout.write("")
        self.stdout.write(_("Inloggen (alles verzonnen; niet voor echte gegevens):"))
        header = (_("Rol"), _("Collectief"), _("E-mailadres"), _("Wachtwoord"))
        rows = [
            (login.role, login.collective, login.email, login.password) for login in result.logins
        ]
        self._table([header, *rows])

    def _counts(self, summary) -> None:
        write = self.stdout.write
        write(
            _(
                "  %(residents)d bewoners, %(conversations)d gaven-gesprekken, %(assets)d bronnen, "
                "%(stories)d verhalen (%(told)d verteld door bewoners)"
            )
            % {
                "residents": summary.residents,
                "conversations": summary.conversations,
                "assets": summary.assets,
                "stories": summary.stories,
                "told": summary.stories_told,
            }
        )
        write(_("  Initiatieven: %(list)s") % {"list": _listing(Status, summary.initiatives)})
        write(_("  Behoeften:"))
        for question in Question:
            counts = {s: summary.needs.get((question.value, s), 0) for s in NeedStatus.values}
            write(f"    {question.label} {_listing(NeedStatus, counts)}")
        write(
            _("  Verbindingen: %(list)s") % {"list": _listing(ConnectionKind, summary.connections)}
        )
        write(
            _(
                "  Activiteiten: %(all)d (%(held)d geweest, met aanwezigheid), "
                "%(hours)s uur vrijwillige hulp, %(repaired)d spullen gerepareerd"
            )
            % {
                "all": summary.activities,
                "held": summary.activities_held,
                "hours": f"{summary.hours:.0f}",
                "repaired": summary.repaired,
            }
        )
        write(_("  Toezeggingen van: %(list)s") % {"list": _listing(GiverKind, summary.pledges)})
        write(_("  Netwerkberekeningen: %(count)d") % {"count": summary.analyses})

    def _table(self, rows) -> None:
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  "
                + "  ".join(
                    str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )


def _listing(choices, counts: dict) -> str:
    return ", ".join(f"{label} {counts.get(value, 0)}" for value, label in choices.choices)

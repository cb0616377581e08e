from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kring.demo.builder import DemoError, load_demo


class Command(BaseCommand):
    help = _(
        "Laadt de demo: de verzonnen gemeente Kringstad, drie collectieven met bewoners en "
        "bronnen, en een inlog voor elke rol. Een eerdere demo wordt eerst weggehaald."
    )

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc

        self.stdout.write(
            self.style.SUCCESS(
                _("Demo geladen in %(seconds).1f seconden.") % {"seconds": result.seconds}
            )
        )
        for collective in result.collectives:
            self.stdout.write(
                _(
                    "  %(name)s: %(residents)d bewoners, %(conversations)d gaven-gesprekken, "
                    "%(assets)d bronnen"
                )
                % collective
            )
        self.stdout.write("")
        self.stdout.write(_("Inloggen (alles verzonnen; niet voor echte gegevens):"))
        header = (_("Rol"), _("Collectief"), _("E-mailadres"), _("Wachtwoord"))
        rows = [
            (login.role, login.collective, login.email, login.password) for login in result.logins
        ]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write(
                "  "
                + "  ".join(
                    str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )

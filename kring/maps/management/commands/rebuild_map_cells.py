from django.core.management.base import BaseCommand, CommandError

from kring.communities.models import Collective
from kring.maps.cells import rebuild_cells


class Command(BaseCommand):
    help = "Count the map's cluster cells again from the assets (of one collective, or all)."

    def add_arguments(self, parser):
        parser.add_argument("--collective", metavar="SLUG", help="only this collective")

    def handle(self, *args, collective=None, **options):
        collectives = Collective.objects.order_by("pk")
        if collective:
            collectives = collectives.filter(slug=collective)
            if not collectives.exists():
                raise CommandError(f"No collective with slug {collective!r}.")
        written = sum(rebuild_cells(pk) for pk in collectives.values_list("pk", flat=True))
        self.stdout.write(f"Wrote {written} map cells.")

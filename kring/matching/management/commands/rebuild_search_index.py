from django.core.management.base import BaseCommand, CommandError

from kring.communities.models import Collective
from kring.matching.services import rebuild_search_index


class Command(BaseCommand):
    help = "Build the search index again from the assets (of one collective, or all)."

    def add_arguments(self, parser):
        parser.add_argument("--collective", metavar="SLUG", help="only this collective")

    def handle(self, *args, collective=None, **options):
        target = None
        if collective:
            target = Collective.objects.filter(slug=collective).first()
            if target is None:
                raise CommandError(f"No collective with slug {collective!r}.")
        written = rebuild_search_index(collective=target)
        self.stdout.write(f"Indexed {written} assets.")

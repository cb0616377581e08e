import hashlib
import json

from django.core.management.base import BaseCommand

from kring.privacy.backup import table_digests


class Command(BaseCommand):
    help = (
        "Print every backed-up table with its number of rows and a digest of its contents "
        "(SHA-256 over the rows), the same on SQLite and PostgreSQL: run it on the old and the "
        "restored database and compare the two outputs (diff)."
    )

    def handle(self, *args, **options):
        total = hashlib.sha256()
        for table, (rows, digest) in table_digests().items():
            self.stdout.write(f"{table}\t{rows}\t{digest}")
            total.update(json.dumps([table, rows, digest]).encode())
        self.stdout.write(f"all tables\t-\t{total.hexdigest()}")

from django.core.management.base import BaseCommand, CommandError

from kring.core.jobs import waiting
from kring.privacy.anchors import anchor_file, anchor_now
from kring.privacy.tasks import anchor_audit_chains_task


class Command(BaseCommand):
    help = (
        "Write the audit chains' heads outside the database (KRING_AUDIT_ANCHOR_DIR and the "
        "log), so that removed newest entries or an emptied log show in verify_audit_chain."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="start the periodic run in the background worker (manage.py db_worker): it "
            "repeats every KRING_AUDIT_ANCHOR_MINUTES; starting it again does not double it",
        )
        parser.add_argument(
            "--accept",
            action="store_true",
            help="write the anchor even though the log no longer matches the last one (after "
            "restoring an older backup on purpose); the findings are named in the anchor",
        )

    def handle(self, *args, enqueue: bool, accept: bool, **options):
        if enqueue:
            if waiting(anchor_audit_chains_task):
                self.stdout.write("The periodic anchor run is already waiting in the queue.")
                return
            result = anchor_audit_chains_task.enqueue()
            self.stdout.write(f"Enqueued the periodic anchor run {result.id}")
            return
        anchor, findings = anchor_now(reason="command", accept=accept)
        for finding in findings:
            self.stderr.write(str(finding))
        if findings and not accept:
            raise CommandError(
                "Het logboek klopt niet meer met het laatste ijkpunt; er is geen nieuw ijkpunt "
                "geschreven. Zoek uit wat er gebeurde (manage.py verify_audit_chain). Was het "
                "bedoeld (een oudere backup teruggezet), schrijf het dan met --accept."
            )
        for head in anchor["chains"]:
            self.stdout.write(
                f"chain {head['collective'] or '-'}: last entry {head['last_id']} "
                f"{head['last_hash']} ({head['entries']} entries)"
            )
        self.stdout.write(self.style.SUCCESS(f"Anchor written to {anchor_file()}"))

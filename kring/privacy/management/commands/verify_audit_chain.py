from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max
from django.utils.translation import gettext as _

from kring.privacy.anchors import anchor_file, is_stale, last_anchor, verify
from kring.privacy.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Check that no entry of the audit log was changed, inserted or removed, and compare "
        "the log with the last anchor outside the database (KRING_AUDIT_ANCHOR_DIR)."
    )

    def handle(self, *args, **options):
        anchor, _problems = last_anchor()
        breaks = verify()
        for problem in breaks:
            self.stderr.write(str(problem))
        if anchor is None:
            self.stdout.write(
                _(
                    "Let op: er is nog geen ijkpunt in %(file)s. Verwijderde nieuwste regels en "
                    "een geleegd logboek zijn zo niet te zien (manage.py anchor_audit_chain)."
                )
                % {"file": anchor_file()}
            )
        elif is_stale(anchor):
            self.stdout.write(
                _(
                    "Let op: het laatste ijkpunt is van %(when)s, ouder dan twee keer de "
                    "afgesproken tijd. Draait de achtergrondtaak nog (manage.py "
                    "anchor_audit_chain --enqueue)?"
                )
                % {"when": anchor["at"]}
            )
        else:
            self.stdout.write(f"compared with the anchor of {anchor['at']} ({anchor['reason']})")
        self._moved()
        if breaks:
            raise CommandError(
                _("logboek: %(count)s bevinding(en); zie hierboven") % {"count": len(breaks)}
            )
        self.stdout.write(self.style.SUCCESS(_("logboek intact")))

    def _moved(self):
        """Chains moved here with their collective: the head they had in the old installation,
        to compare with the anchor written there when the archive was made."""
        last_moved = (
            AuditEntry.objects.exclude(origin_hash="")
            .values("collective_id")
            .annotate(last=Max("id"))
            .order_by()
        )
        heads = AuditEntry.objects.filter(id__in=[row["last"] for row in last_moved])
        for entry in heads.order_by("id"):
            self.stdout.write(
                f"chain {entry.collective_id}: moved from another installation, last hash "
                f"there {entry.origin_hash}"
            )

""" "Heeft dit contact tot iets geleid?": asking some days after a connection, and the answer."""

import datetime
import logging
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from kring.initiatives.models import Connection, ConnectionKind
from kring.initiatives.services import record_outcome
from kring.people.models import ConsentPurpose, Resident

from .. import mail
from ..models import (
    FollowUp,
    FollowUpChannel,
    NoticeSettings,
)
from .links import followup_token

log = logging.getLogger(__name__)

# Connections are followed up when they are this many days old at most past the chosen number
# of days, so switching notices on does not ask about every connection of past years.
FOLLOWUP_WINDOW_DAYS = 30


FOLLOWED_KINDS = (ConnectionKind.INTRODUCED, ConnectionKind.NEIGHBOUR_HELP)


def _followup_days(collective_ids) -> dict[int, int]:
    default = NoticeSettings._meta.get_field("followup_days").default
    found = dict(
        NoticeSettings.objects.filter(collective_id__in=collective_ids).values_list(
            "collective_id", "followup_days"
        )
    )
    return {c: found.get(c, default) for c in collective_ids}


def _asked_by_mail(connection: Connection) -> Resident | None:
    """The resident to ask: the one connected through their gift (or the one on side A), when
    they have an address and consent to "verbinden"."""
    for resident_id in (connection.other_resident_id, connection.resident_id):
        if not resident_id:
            continue
        resident = (
            Resident.objects.filter(pk=resident_id, erased_at__isnull=True)
            .exclude(email="")
            .with_consent(ConsentPurpose.MATCHING)
            .select_related("collective")
            .first()
        )
        if resident is not None:
            return resident
    return None


def ask_followups(*, today: datetime.date | None = None) -> dict[str, int]:
    """Ask about each connection (introduced, or neighbour help) once it is the collective's
    number of days old: by mail, or on the buurtmakers' to-do list. One FollowUp per connection,
    made before the mail is sent, so no one is asked twice."""
    today = today or timezone.localdate()
    counts: dict[str, int] = defaultdict(int)
    collective_ids = set(
        Connection.objects.filter(
            kind__in=FOLLOWED_KINDS,
            outcome="",
            followup__isnull=True,
            happened_on__lte=today - datetime.timedelta(days=1),
        ).values_list("collective_id", flat=True)
    )
    for collective_id, days in _followup_days(collective_ids).items():
        due_on = today - datetime.timedelta(days=days)
        connections = Connection.objects.filter(
            collective_id=collective_id,
            kind__in=FOLLOWED_KINDS,
            outcome="",
            followup__isnull=True,
            happened_on__lte=due_on,
            happened_on__gt=due_on - datetime.timedelta(days=FOLLOWUP_WINDOW_DAYS),
        ).select_related("collective", "initiative", "need")
        for connection in connections:
            resident = _asked_by_mail(connection)
            try:
                with transaction.atomic():
                    followup = FollowUp.objects.create(
                        connection=connection,
                        resident=resident,
                        channel=FollowUpChannel.MAIL if resident else FollowUpChannel.BUILDER,
                        asked_at=timezone.now(),
                    )
            except IntegrityError:
                continue  # another worker asked already
            if resident is None:
                counts["buurtmaker"] += 1
                continue
            try:
                mail.send_followup(followup, token=followup_token(followup))
            except Exception:
                log.warning("follow-up %s could not be mailed", followup.pk, exc_info=True)
                FollowUp.objects.filter(pk=followup.pk).update(
                    channel=FollowUpChannel.BUILDER, resident=None
                )
                counts["buurtmaker"] += 1
                continue
            FollowUp.objects.filter(pk=followup.pk).update(sent_at=timezone.now())
            log.info("follow-up %s mailed to resident %s", followup.pk, resident.pk)
            counts["mail"] += 1
    return dict(counts)


@transaction.atomic
def answer_followup(
    *, connection: Connection, outcome: str, note: str = "", actor=None
) -> Connection:
    """Keep the answer on the connection and close its follow-up (if one was asked)."""
    connection = record_outcome(connection=connection, outcome=outcome, note=note, actor=actor)
    FollowUp.objects.filter(connection=connection).update(answered_at=timezone.now())
    return connection

"""Changes to the connections log: a tie made for a need, recorded by hand, its outcome."""

from django.db import transaction
from django.utils import timezone

from kring.assets.models import Asset, Category
from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.people.models import ConsentPurpose, Resident

from ..models import (
    Connection,
    ConnectionKind,
    Need,
    NeedStatus,
    Outcome,
)
from .scope import same_collective


def _may_be_matched(resident: Resident) -> bool:
    return Resident.objects.filter(pk=resident.pk).with_consent(ConsentPurpose.MATCHING).exists()


@transaction.atomic
def connect_for_need(
    *, access: CollectiveAccess, need: Need, asset: Asset, reason: str = ""
) -> Connection:
    """ "Verbinden": introduce a helper (a resident through their gift, or an association,
    institution or place) to the initiative that has this need. The need is then "gevonden"."""
    initiative = need.initiative
    same_collective(access, initiative, asset)
    connection = Connection(
        collective=access.collective,
        initiative=initiative,
        need=need,
        kind=ConnectionKind.INTRODUCED,
        happened_on=timezone.localdate(),
        note=" ".join(reason.split())[:300],
        recorded_by=access.user,
    )
    if asset.category == Category.GIFT:
        # Consent is checked again here: it may have been withdrawn since the list was shown.
        if not _may_be_matched(asset.resident):
            raise PermissionError("resident did not consent to being connected")
        connection.other_resident = asset.resident
    else:
        connection.asset = asset
    connection.save()
    if need.status == NeedStatus.OPEN:
        need.status = NeedStatus.FOUND
        need.save(update_fields=["status"])
    audit.record(
        access=access,
        action=audit.Action.CREATE,
        target=connection,
        summary=f"introduced for need {need.pk}",
    )
    return connection


@transaction.atomic
def record_connection(*, access: CollectiveAccess, connection: Connection) -> Connection:
    """A connection noted by hand, e.g. on a phone right after two neighbours met."""
    connection.collective = access.collective
    connection.recorded_by = access.user
    same_collective(
        access,
        connection.resident,
        connection.other_resident,
        connection.asset,
        connection.initiative,
    )
    if connection.asset and connection.asset.category == Category.GIFT:
        # A gift's party is its resident: keep the network's nodes unambiguous.
        connection.other_resident, connection.asset = connection.asset.resident, None
    connection.full_clean(exclude=["collective", "recorded_by"])
    audit.save_and_record(
        connection,
        access=access,
        action=audit.Action.CREATE,
        summary=f"connection {connection.kind}",
    )
    return connection


@transaction.atomic
def record_outcome(
    *, connection: Connection, outcome: str, note: str = "", actor=None
) -> Connection:
    """The answer to "Heeft dit contact tot iets geleid?" (ja / nee / loopt nog, with an
    optional line), from the resident through their mail's link (``actor`` None) or noted by a
    buurtmaker. A later answer replaces an earlier one ("loopt nog" may become "ja")."""
    if outcome not in Outcome.values:
        raise ValueError(f"unknown outcome {outcome!r}")
    connection.outcome = outcome
    connection.outcome_note = " ".join((note or "").split())[:300]
    connection.outcome_at = timezone.now()
    audit.save_and_record(
        connection,
        update_fields=["outcome", "outcome_note", "outcome_at"],
        actor=actor,
        collective=connection.collective_id,
        action=audit.Action.CHANGE,
        summary=f"outcome {outcome}",
    )
    return connection


@transaction.atomic
def delete_connection(*, access: CollectiveAccess, connection: Connection) -> None:
    if connection.collective_id != access.collective.pk:
        raise ValueError("connection belongs to another collective")
    audit.record(
        access=access,
        action=audit.Action.DELETE,
        target=connection,
        summary=f"connection {connection.kind}",
    )
    connection.delete()

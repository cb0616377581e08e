"""Pledges: money, time or things given to an initiative, by a giver of the collective."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.communities.access import CollectiveAccess
from kring.core import audit

from ..models import (
    GIVER_CATEGORIES,
    Pledge,
)
from .scope import same_collective


def _check_giver(access: CollectiveAccess, pledge: Pledge) -> None:
    """An organisation that pledges is a group, institution or business of this collective."""
    if pledge.resident_id and pledge.giver_id:
        raise ValidationError({"giver": _("Kies een bewoner of een organisatie, niet allebei.")})
    giver = pledge.giver
    if giver is None:
        return
    if giver.collective_id != access.collective.pk:
        raise ValidationError(
            {
                "giver": _(
                    "Deze organisatie hoort niet bij uw collectief. Kies een organisatie uit "
                    "de lijst."
                )
            }
        )
    if giver.category not in GIVER_CATEGORIES:
        raise ValidationError(
            {
                "giver": _(
                    "Alleen een groep, een instelling of een bedrijf kan iets beloven. Kies "
                    "een organisatie uit de lijst, of kies een bewoner."
                )
            }
        )


@transaction.atomic
def add_pledge(*, access: CollectiveAccess, pledge: Pledge) -> Pledge:
    """Record a pledge from a resident or from an organisation (``pledge.giver``: a group,
    institution or local business of the same collective). Raises ValidationError with a plain
    Dutch message when the giver is not allowed."""
    same_collective(access, pledge.initiative, pledge.resident)
    _check_giver(access, pledge)
    pledge.recorded_by = access.user
    if pledge.pledged_on is None:
        pledge.pledged_on = timezone.localdate()
    pledge.full_clean()
    audit.save_and_record(
        pledge,
        access=access,
        action=audit.Action.CREATE,
        summary=f"pledge of {pledge.kind} by {pledge.giver_kind}",
    )
    return pledge


@transaction.atomic
def delete_pledge(*, access: CollectiveAccess, pledge: Pledge) -> None:
    same_collective(access, pledge.initiative)
    audit.record(
        access=access, action=audit.Action.DELETE, target=pledge, summary=f"pledge of {pledge.kind}"
    )
    pledge.delete()

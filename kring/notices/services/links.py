"""The signed parts of the links in notices' mails: they name the resident (or the follow-up),
so no log-in is needed, and cannot be made for another."""

from django.core import signing

from kring.people.models import Resident

from ..models import (
    FollowUp,
)

PREFERENCE_SALT = "kring.notices.preference"


FOLLOWUP_SALT = "kring.notices.followup"


def preference_token(resident: Resident) -> str:
    """The signed part of the links in every mail (change the rhythm, unsubscribe): it names
    the resident, so no log-in is needed, and cannot be made for another resident."""
    return signing.dumps(resident.pk, salt=PREFERENCE_SALT, compress=True)


def resident_for_token(token: str) -> Resident | None:
    try:
        pk = signing.loads(token, salt=PREFERENCE_SALT)
    except signing.BadSignature:
        return None
    return (
        Resident.objects.select_related("collective").filter(pk=pk, erased_at__isnull=True).first()
    )


def followup_token(followup: FollowUp) -> str:
    return signing.dumps(followup.pk, salt=FOLLOWUP_SALT, compress=True)


def followup_for_token(token: str) -> FollowUp | None:
    try:
        pk = signing.loads(token, salt=FOLLOWUP_SALT)
    except signing.BadSignature:
        return None
    return (
        FollowUp.objects.select_related(
            "connection__collective",
            "connection__initiative",
            "connection__need",
            "resident",
        )
        .filter(pk=pk, resident__erased_at__isnull=True)
        .first()
    )

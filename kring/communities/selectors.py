import hashlib

from django.db.models import Exists, Q, QuerySet
from django.utils import timezone

from kring.geo.models import Neighbourhood

from .models import Collective, Invitation, Membership


def neighbourhoods_of(collective: Collective) -> QuerySet[Neighbourhood]:
    """The buurten a collective works in; all buurten of its gemeente while none are chosen."""
    # One query: asking first whether any are chosen cost a query of its own on every list.
    chosen = Collective.working_area.through.objects.filter(collective_id=collective.pk)
    in_gemeente = Q(district__municipality_id=collective.municipality_id) & ~Exists(chosen)
    return (
        Neighbourhood.objects.filter(Q(pk__in=chosen.values("neighbourhood_id")) | in_gemeente)
        # Boundaries are large and not needed for choosing a buurt.
        .defer("boundary")
        .order_by("name")
    )


def memberships_of(user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("collective")
        .order_by("collective__name")
    )


def members_of(collective: Collective) -> QuerySet[Membership]:
    return collective.memberships.select_related("user").order_by("user__name")


def open_invitations(collective: Collective) -> QuerySet[Invitation]:
    return collective.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def open_invitation_for(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("collective").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return invitation


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

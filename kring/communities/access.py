"""Community scoping: who may act in which collective, and as what.

Every view of collective data starts with ``collective_view``; it resolves the collective from
the URL and the user's membership, and answers 404 to anyone who is not a member, so a
collective's existence and content never show to outsiders (other collectives, municipality
staff). A member whose role is too low gets 403 with a plain explanation.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Collective, Membership, Role


@dataclass(frozen=True)
class CollectiveAccess:
    user: object
    collective: Collective
    membership: Membership

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def is_builder(self) -> bool:
        return self.membership.is_builder

    @property
    def is_admin(self) -> bool:
        return self.membership.is_admin


def collective_access(user, slug: str, *, role: str = Role.MEMBER) -> CollectiveAccess:
    if not user.is_authenticated:
        raise Http404
    # All of the user's memberships (people belong to few collectives): the one for this page,
    # and the rest for the header's way to each place (kring.communities.places). A request's
    # user has them read with it (kring.security.signed_in); anyone else is read here.
    memberships = getattr(user, "_kring_request_memberships", None)
    if memberships is None:
        memberships = list(
            Membership.objects.select_related("collective", "collective__municipality")
            # The gemeente's outline (CBS GeoJSON, tens of kilobytes for a real gemeente) is
            # not needed on a page of the collective, and would be read and decoded each time.
            .defer("collective__municipality__boundary")
            .filter(user=user)
            .order_by("collective__name")
        )
    user._kring_memberships = memberships
    membership = next((m for m in memberships if m.collective.slug == slug), None)
    if membership is None:
        raise Http404
    if not membership.has_role(role):
        raise PermissionDenied
    return CollectiveAccess(user=user, collective=membership.collective, membership=membership)


def collective_view(role: str = Role.MEMBER):
    """Decorator: the view gets ``access`` as its second argument instead of the slug."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            access = collective_access(request.user, slug, role=role)
            request.access = access
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator

"""Where a logged-in person works: each collective they belong to, their gemeente's pages, the
network's editorial pages. The home page sends someone with one place straight there and lets
someone with several choose; the header shows the way to each of them."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import memberships_of


@dataclass(frozen=True)
class Place:
    url: str
    label: str
    note: str
    # Pages under this path belong to the place (for aria-current in the header).
    area: str
    is_collective: bool = False


def _memberships(user):
    # A request's user has them read with it (kring.security.signed_in), and a collective's
    # page has read them all (kring.communities.access): the header costs no query of its own.
    known = getattr(user, "_kring_request_memberships", None)
    if known is None:
        known = getattr(user, "_kring_memberships", None)
    return known if known is not None else list(memberships_of(user))


def places_of(user) -> list[Place]:
    if not user.is_authenticated:
        return []
    places = [
        Place(
            url=membership.collective.get_absolute_url(),
            label=membership.collective.name,
            note=_("U bent hier %(role)s.") % {"role": membership.get_role_display()},
            area=membership.collective.get_absolute_url(),
            is_collective=True,
        )
        for membership in _memberships(user)
    ]
    if user.is_municipality_user:
        places.append(
            Place(
                url=reverse("impact:dashboard"),
                label=_("Gemeente %(name)s") % {"name": user.municipality.name},
                note=_("Cijfers, kaart en rapporten van uw gemeente, en de zelfscan."),
                area=reverse("geo:municipality"),
            )
        )
    if user.is_network_editor:
        places.append(
            Place(
                url=reverse("editorial:index"),
                label=_("Redactie"),
                note=_("Nieuws, publicaties, academie en nieuwsbrief van het netwerk."),
                area=reverse("editorial:index"),
            )
        )
    return places


def header_places(user) -> list[Place]:
    """The places the header links to: all of them once there is more than one collective or
    any place that is not a collective (a collective's own menu already leads around it)."""
    if not user.is_authenticated:
        return []
    if not (user.is_municipality_user or user.is_network_editor) and len(_memberships(user)) < 2:
        return []  # at most one collective and nothing else: nothing to build on every page
    places = places_of(user)
    if len(places) > 1 or any(not place.is_collective for place in places):
        return places
    return []

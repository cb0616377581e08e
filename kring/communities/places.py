"""Where a logged-in person works: each collective they belong to, their gemeente's pages, the
network's editorial pages. The home page sends someone with one place straight there and lets
someone with several choose; the header shows the way to each of them."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
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
        for membership in memberships_of(user)
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


# The header is on every page: its places are kept in the cache so a page costs no query for
# them, and forgotten when a membership or the user changes (signals in apps.py). A process
# with a cache of its own sees a change made elsewhere within PLACES_SECONDS.
PLACES_SECONDS = 300


def _places_key(user_id: int, language: str) -> str:
    return f"places:{user_id}:{language}"


def forget_places(user_id: int) -> None:
    cache.delete_many([_places_key(user_id, code) for code, _name in settings.LANGUAGES])


def header_places(user) -> list[Place]:
    """The places the header links to: all of them once there is more than one collective or
    any place that is not a collective (a collective's own menu already leads around it)."""
    key = _places_key(user.pk, get_language())
    places = cache.get(key)
    if places is None:
        places = places_of(user)
        if not (len(places) > 1 or any(not place.is_collective for place in places)):
            places = []
        cache.set(key, places, PLACES_SECONDS)
    return places

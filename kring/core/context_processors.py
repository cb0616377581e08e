from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# The collective menu's items and the parts of a page's address that make each the current
# page (aria-current in base.html); the overview is current on its own address only.
MENU_AREAS = {
    "assets": ("/assets/",),
    "residents": ("/residents/",),
    "initiatives": ("/initiatives/", "/agenda/", "/connections/", "/activities/", "/needs/"),
    "map": ("/map/", "/portrait/"),
    "network": ("/network/",),
    "export": ("/export/",),
    "conversation": ("/conversation/",),
    "review": ("/bewoners-schrijven/",),
    "news": ("/news/",),
    "admin": ("/members/", "/settings/"),
    "audit": ("/audit/",),
}


def menu_current(path: str, overview_url: str) -> frozenset:
    current = {item for item, parts in MENU_AREAS.items() if any(p in path for p in parts)}
    if path == overview_url:
        current.add("overview")
    return frozenset(current)


@lru_cache(maxsize=4096)
def _overview_url(slug: str, prefix: str, urlconf, root_urlconf: str) -> str:
    # reverse() walks the URL patterns on every call (about 0.1 ms); the answer depends only
    # on the slug, the script prefix and the URLconf, which are all part of the key.
    return reverse("communities:overview", args=[slug], urlconf=urlconf)


@lru_cache(maxsize=4096)
def _menu_current(path: str, overview_url: str) -> frozenset:
    return menu_current(path, overview_url)


def kring(request):
    """What every page needs: the collective being looked at, if any, and the user's role in it;
    with a collective, which item of its menu is the current page."""
    access = getattr(request, "access", None)
    if access is None:
        return {"access": None, "collective": None}
    slug = access.collective.slug
    overview_url = _overview_url(slug, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return {
        "access": access,
        "collective": access.collective,
        "overview_url": overview_url,
        "menu_current": _menu_current(request.path, overview_url),
    }

from django.urls import reverse

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


def kring(request):
    """What every page needs: the collective being looked at, if any, and the user's role in it;
    with a collective, which item of its menu is the current page."""
    access = getattr(request, "access", None)
    if access is None:
        return {"access": None, "collective": None}
    overview_url = reverse("communities:overview", args=[access.collective.slug])
    return {
        "access": access,
        "collective": access.collective,
        "overview_url": overview_url,
        "menu_current": menu_current(request.path, overview_url),
    }

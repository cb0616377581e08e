from django.utils.functional import SimpleLazyObject

from .places import header_places


def places(request):
    """The header's way to each place the user works; read only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"header_places": []}

    def links():
        return [
            {"place": place, "current": request.path.startswith(place.area)}
            for place in header_places(user)
        ]

    return {"header_places": SimpleLazyObject(links)}

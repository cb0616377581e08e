from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_tiles() -> dict:
    """The configured base map (one setting for every map in Kring)."""
    return {
        "url": getattr(settings, "KRING_MAP_TILES_URL", ""),
        "attribution": getattr(settings, "KRING_MAP_TILES_ATTRIBUTION", ""),
    }

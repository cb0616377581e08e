from django import template
from django.conf import settings

from kring.core.languages import map_credit

register = template.Library()


@register.simple_tag
def map_tiles() -> dict:
    """The configured base map (one setting for every map in Kring)."""
    return {
        "url": getattr(settings, "KRING_MAP_TILES_URL", ""),
        "attribution": map_credit(),
    }

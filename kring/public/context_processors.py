from functools import lru_cache

from django.conf import settings

from kring.core.mailaddress import is_placeholder


@lru_cache(maxsize=8)
def _shown_email(address: str) -> str:
    # The demo's stand-in (nieuwsbrief@localhost) is never shown: no mail reaches it. Judged
    # once per address (parsing it was a noticeable part of every page's own work).
    return "" if is_placeholder(address) else address


def public(request):
    """What the public site's templates need on every page: the network's name and address."""
    return {
        "network_name": settings.KRING_NETWORK_NAME,
        "network_email": _shown_email(settings.KRING_NETWORK_EMAIL),
        "site_url": settings.SITE_URL,
    }

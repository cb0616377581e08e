from django.conf import settings

from kring.core.mailaddress import is_placeholder


def public(request):
    """What the public site's templates need on every page: the network's name and address."""
    return {
        "network_name": settings.KRING_NETWORK_NAME,
        # The demo's stand-in (nieuwsbrief@localhost) is never shown: no mail reaches it.
        "network_email": ""
        if is_placeholder(settings.KRING_NETWORK_EMAIL)
        else settings.KRING_NETWORK_EMAIL,
        "site_url": settings.SITE_URL,
    }

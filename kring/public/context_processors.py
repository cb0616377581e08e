from django.conf import settings


def public(request):
    """What the public site's templates need on every page: the network's name and address."""
    return {
        "network_name": settings.KRING_NETWORK_NAME,
        "network_email": settings.KRING_NETWORK_EMAIL,
        "site_url": settings.SITE_URL,
    }

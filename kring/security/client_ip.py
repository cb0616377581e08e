"""The visitor's address for log-in throttling. Behind a proxy every request seems to come from
the proxy; X-Forwarded-For is believed only when the request came from a proxy named in
KRING_TRUSTED_PROXIES (empty by default), otherwise anyone could pick an address per try."""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.KRING_TRUSTED_PROXIES
    if not trusted or remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    # Read from the right: the last address a trusted proxy did not add itself.
    for hop in reversed([h for h in hops if h]):
        if hop not in trusted:
            return hop
    return remote


def username_of(request, credentials) -> str:
    """E-mail addresses are case-insensitive: Alice@ and alice@ count as one log-in."""
    data = credentials or {}
    value = data.get("username") or (request.POST.get("username") if request else "") or ""
    return str(value).strip().lower()

"""View decorators shared by apps on different floors."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def network_editor_required(view):
    """For the network's editors only (the public site's editorial pages, the sign-ups of new
    collectives): others who are logged in get 403, visitors the log-in page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_network_editor:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper

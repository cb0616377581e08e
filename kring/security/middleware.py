"""The second log-in step is enforced here, for every page: a logged-in user who has a phone
app set up must type its code first; one who must have it (KRING_REQUIRE_2FA) and has not set
it up goes to set it up. Only the pages needed for that (and logging out) are let through."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import services

# URL names that work before the second step: the step itself, logging out, reading the
# accessibility statement, switching language and the password-reset flow.
OPEN_BEFORE_SECOND_STEP = {
    "login",
    "logout",
    "security:verify",
    "security:recovery",
    "security:two_factor",
    "set_language",
    "privacy:accessibility",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if user.is_verified():
            return None
        if services.has_two_factor(user):
            return redirect(self._with_next(reverse("security:verify"), request))
        if settings.KRING_REQUIRE_2FA and services.must_use_two_factor(user):
            return redirect(self._with_next(reverse("security:two_factor"), request))
        return None

    @staticmethod
    def _with_next(url, request):
        if request.method != "GET":
            return url
        return f"{url}?{urlencode({'next': request.get_full_path()})}"

"""The second log-in step is enforced here, for every page: a logged-in user who has a phone
app set up must type its code first; one who must have it (KRING_REQUIRE_2FA) and has not set
it up goes to set it up. Only the pages needed for that (and logging out) are let through.

Django's and django-otp's middleware are used with the user read in one query together with
what these checks ask (kring.security.signed_in)."""

from functools import partial

from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import middleware as otp_middleware

from . import services, signed_in

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


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, reading the user with ``signed_in.get_user`` (the async ``auser`` is Django's)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(partial(signed_in.get_user, request))


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's, taking whether the session's device still stands from the user's query
    instead of reading the device (the device itself is read only if something asks for it)."""

    def _verify_user_sync(self, request, user):
        known = getattr(user, "_kring_device", None)
        if known is None or known[0] != request.session.get(DEVICE_ID_SESSION_KEY):
            return super()._verify_user_sync(request, user)
        persistent_id = known[0]
        self._init_user_fields(user)
        if known[1]:
            user.otp_device = SimpleLazyObject(
                partial(self._device_from_persistent_id, persistent_id)
            )
        else:
            del request.session[DEVICE_ID_SESSION_KEY]
        return user


def _has_two_factor(user) -> bool:
    known = getattr(user, "_kring_has_totp", None)
    return services.has_two_factor(user) if known is None else known


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
        if _has_two_factor(user):
            return redirect(self._with_next(reverse("security:verify"), request))
        if settings.KRING_REQUIRE_2FA and services.must_use_two_factor(user):
            return redirect(self._with_next(reverse("security:two_factor"), request))
        return None

    @staticmethod
    def _with_next(url, request):
        if request.method != "GET":
            return url
        return f"{url}?{urlencode({'next': request.get_full_path()})}"

"""Who is logged in, read in one query together with what every page asks about them: their
memberships (the collective's access check and the header's places), whether they have a
confirmed phone app (the second step), whether the second step's device named in the session
still stands, and whether they have records as a resident (the footer's "Mijn Kring" link).
Before, each was a query of its own on every page (docs/performance.md, CPU per request).

Nothing is kept between requests: every request reads it all afresh from the database, so a
membership or role changed, a device removed or a user switched off counts at once on every
node. The user's session is checked exactly as Django does (``django.contrib.auth.get_user``)."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    _get_user_session_key,
    get_user_model,
    load_backend,
)
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.utils.crypto import constant_time_compare
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.communities.models import Membership
from kring.core.compiled import CompiledQuery
from kring.core.pagecache import kind_versions_of, remember_kind_versions
from kring.people.models import Resident

# The user's gemeente and each collective's gemeente are read without their outline (CBS
# GeoJSON, tens of kilobytes for a real gemeente), which no page header needs.
_OUTLINES = ("user__municipality__boundary", "collective__municipality__boundary")


def _device_model(persistent_id: str):
    """The device model and key a persistent id names ("app_label.model/pk"), read as
    django-otp's middleware reads it; None when it names none."""
    persistent_id = OTPMiddleware._normalize_persistent_id(persistent_id)
    try:
        label, pk = persistent_id.rsplit("/", 1)
        app_label, model_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        return (model, int(pk)) if issubclass(model, Device) else None
    except (LookupError, ValueError):
        return None


def _facts(user_ref: str, device_model, device_pk) -> dict:
    facts = {
        "signed_in_has_totp": Exists(
            TOTPDevice.objects.filter(user_id=OuterRef(user_ref), confirmed=True)
        ),
        "signed_in_has_records": Exists(Resident.objects.filter(user_id=OuterRef(user_ref))),
    }
    if device_model is not None:
        # What django-otp's middleware asks of the device in the session: it still exists,
        # belongs to this user and is confirmed.
        facts["signed_in_device_ok"] = Exists(
            device_model.objects.filter(pk=device_pk, user_id=OuterRef(user_ref), confirmed=True)
        )
    return facts


def _queries(device_model) -> tuple[CompiledQuery, CompiledQuery]:
    """The two queries for a session whose second-step device is of this model (or none),
    compiled once per process (kring.core.compiled)."""
    kinds = {"user_id": int} if device_model is None else {"user_id": int, "device_pk": int}

    def memberships(user_id, device_pk=None):
        return (
            Membership.objects.select_related(
                "user__municipality", "collective", "collective__municipality"
            )
            .defer(*_OUTLINES)
            .filter(user_id=user_id)
            .annotate(**_facts("user_id", device_model, device_pk))
            # The versions of each collective's kinds of data, which a page with kept parts
            # reads before anything else (kring.core.pagecache): no query of its own.
            .annotate(signed_in_kind_versions=kind_versions_of("collective_id"))
            .order_by("collective__name")
        )

    def user(user_id, device_pk=None):
        return (
            get_user_model()
            .objects.select_related("municipality")
            .defer("municipality__boundary")
            .filter(pk=user_id)
            .annotate(**_facts("pk", device_model, device_pk))
        )

    return CompiledQuery(memberships, **kinds), CompiledQuery(user, **kinds)


_QUERIES: dict = {}


def load_user(user_id, *, device_id: str | None = None):
    """The user with their memberships (ordered by collective name) and the facts above, or
    None. One query for a member of one or more collectives, two for someone without one."""
    device = _device_model(device_id) if device_id else None
    device_model, device_pk = device if device is not None else (None, None)
    queries = _QUERIES.get(device_model)
    if queries is None:
        queries = _QUERIES[device_model] = _queries(device_model)
    values = (
        {"user_id": user_id}
        if device_model is None
        else {
            "user_id": user_id,
            "device_pk": device_pk,
        }
    )
    memberships = queries[0].run(**values)
    if memberships:
        user, facts = memberships[0].user, memberships[0]
        for membership in memberships:
            membership.user = user
    else:
        found = queries[1].run(**values)
        if not found:
            return None
        user = facts = found[0]
    user._kring_request_memberships = memberships
    user._kring_has_totp = facts.signed_in_has_totp
    user.has_resident_records = facts.signed_in_has_records
    if device_model is not None:
        user._kring_device = (device_id, facts.signed_in_device_ok)
    return user


def get_user(request):
    """``django.contrib.auth.get_user`` with the user read by ``load_user`` when the session's
    backend reads users as Django's ModelBackend does; any other backend reads its own."""
    user = None
    try:
        user_id = _get_user_session_key(request)
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        pass
    else:
        if backend_path in settings.AUTHENTICATION_BACKENDS:
            backend = load_backend(backend_path)
            if type(backend).get_user is ModelBackend.get_user:
                user = load_user(user_id, device_id=request.session.get(DEVICE_ID_SESSION_KEY))
                if user is not None and not backend.user_can_authenticate(user):
                    user = None
            else:
                user = backend.get_user(user_id)
            # Verify the session (as Django does, with the fallback keys of a rotated secret).
            if hasattr(user, "get_session_auth_hash"):
                session_hash = request.session.get(HASH_SESSION_KEY)
                if not session_hash:
                    session_hash_verified = False
                else:
                    session_auth_hash = user.get_session_auth_hash()
                    session_hash_verified = constant_time_compare(session_hash, session_auth_hash)
                if not session_hash_verified:
                    if session_hash and any(
                        constant_time_compare(session_hash, fallback_auth_hash)
                        for fallback_auth_hash in user.get_session_auth_fallback_hash()
                    ):
                        request.session.cycle_key()
                        request.session[HASH_SESSION_KEY] = session_auth_hash
                    else:
                        request.session.flush()
                        user = None
    # The versions of the user's collectives' kinds of data, read with the memberships.
    memberships = getattr(user, "_kring_request_memberships", None)
    if memberships:
        remember_kind_versions(
            request, {m.collective_id: m.signed_in_kind_versions for m in memberships}
        )
    return user or AnonymousUser()

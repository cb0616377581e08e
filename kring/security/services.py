"""The second log-in step: enrolling a phone app (TOTP), recovery codes, switching it off.
Every change is written to the audit log (without a collective: it is about the log-in)."""

import secrets
from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from kring.communities.models import Membership, Role
from kring.core import audit

from .models import RecoveryCode, RecoveryCodeDevice, hash_code

RECOVERY_CODE_COUNT = 10
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from paper


def must_use_two_factor(user) -> bool:
    """Admins of a collective, municipality users, network editors and installation admins
    see much, so a stolen password alone must not be enough."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or user.is_network_editor or user.municipality_id:
        return True
    # A request's user has their memberships read with them (kring.security.signed_in).
    known = getattr(user, "_kring_request_memberships", None)
    if known is not None:
        return any(membership.role == Role.ADMIN for membership in known)
    return Membership.objects.filter(user=user, role=Role.ADMIN).exists()


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def new_secret() -> str:
    """A new secret as hex (django-otp's storage format)."""
    return default_key()


def secret_as_text(hex_key: str) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    text = b32encode(unhexlify(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(*, user, hex_key: str) -> str:
    device = TOTPDevice(user=user, key=hex_key, name="Kring")
    return device.config_url


def matched_step(*, hex_key: str, code: str) -> int | None:
    """The time step the code belongs to, or None when it is wrong (one step of clock
    difference either way is allowed)."""
    try:
        token = int(str(code).replace(" ", ""))
    except ValueError:
        return None
    totp = TOTP(unhexlify(hex_key))
    return totp.t() if totp.verify(token, tolerance=1) else None


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def new_recovery_codes(*, user) -> list[str]:
    """Replaces the user's recovery codes; returns the new ones (shown once, stored hashed)."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=hash_code(code)) for code in codes
    )
    audit.record(
        actor=user,
        collective=None,
        action="change",
        target=device,
        summary=f"{RECOVERY_CODE_COUNT} nieuwe herstelcodes",
    )
    return codes


@transaction.atomic
def enable_two_factor(*, user, hex_key: str, step: int) -> tuple[TOTPDevice, list[str]]:
    """``step``: the time step of the code that confirmed it, so that code cannot be used again."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, key=hex_key, name="Kring", confirmed=True, last_t=step
    )
    audit.record(
        actor=user,
        collective=None,
        action="create",
        target=device,
        summary="tweestapsverificatie aangezet",
    )
    return device, new_recovery_codes(user=user)


@transaction.atomic
def disable_two_factor(*, user) -> None:
    device = TOTPDevice.objects.filter(user=user).first()
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    if device is not None:
        audit.record(
            actor=user,
            collective=None,
            action="delete",
            target=device,
            summary="tweestapsverificatie uitgezet",
        )


def verify_code(*, user, code: str, recovery: bool = False):
    """The device that accepts this code, or None. TOTP devices refuse a code used before and
    slow down after wrong codes (django-otp's throttling); recovery codes work once."""
    model = RecoveryCodeDevice if recovery else TOTPDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_token(code if recovery else str(code).replace(" ", "")):
            if recovery:
                left = device.codes.filter(used_at__isnull=True).count()
                audit.record(
                    actor=user,
                    collective=None,
                    action="change",
                    target=device,
                    summary=f"herstelcode gebruikt, nog {left} over",
                )
            return device
    return None


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(device__user=user, used_at__isnull=True).count()


def forget_login_records(*, email: str) -> None:
    """Erasure: throttling records name the e-mail address and IP address; they go too."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()


def required() -> bool:
    return settings.KRING_REQUIRE_2FA

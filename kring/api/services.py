"""Making, using and revoking API tokens: one function each, one transaction."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.communities.models import Membership
from kring.core import audit

from .models import ApiToken, Scope

SECRET_PREFIX = "kring_"
# last_used_at is written at most this often per token, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits: a plain hash cannot be reversed or guessed.
    return hashlib.sha256(secret.encode()).hexdigest()


def may_create(access: CollectiveAccess, scope: str) -> bool:
    """Every member may read through the API; writing needs a buurtmaker or higher."""
    return scope == Scope.READ or access.is_builder


@transaction.atomic
def create_token(
    *, access: CollectiveAccess, name: str, scope: str, days: int
) -> tuple[ApiToken, str]:
    """A new token for the acting member in this collective. Returns the token and its secret;
    the secret is shown once and never stored."""
    if not may_create(access, scope):
        raise PermissionError("writing through the API needs a buurtmaker")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=access.user,
        collective=access.collective,
        name=name,
        scope=scope,
        prefix=secret[: len(SECRET_PREFIX) + 4],
        token_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(
        access=access,
        action=audit.Action.CREATE,
        target=token,
        summary=f"api token {token.pk} ({token.scope}, {days} days)",
    )
    return token, secret


@transaction.atomic
def revoke_token(*, access: CollectiveAccess, token: ApiToken) -> ApiToken:
    if token.collective_id != access.collective.pk:
        raise ValueError("token belongs to another collective")
    return _revoke(token, access=access)


def _revoke(token: ApiToken, **who) -> ApiToken:
    """Revoke once (a second revoke changes and logs nothing); ``who`` as for audit.record."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        audit.save_and_record(
            token,
            update_fields=["revoked_at"],
            action=audit.Action.DELETE,
            summary=f"api token {token.pk} revoked",
            **who,
        )
    return token


def _new_secret() -> tuple[str, dict]:
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    return secret, {"prefix": secret[: len(SECRET_PREFIX) + 4], "token_hash": hash_secret(secret)}


@transaction.atomic
def create_municipality_token(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    """A read-only token for a municipality user, for its own gemeente's figures only."""
    if getattr(user, "municipality_id", None) is None or not user.is_active:
        raise PermissionError("only a municipality user has municipality tokens")
    secret, fields = _new_secret()
    token = ApiToken.objects.create(
        user=user,
        municipality_id=user.municipality_id,
        name=name,
        scope=Scope.READ,
        expires_at=timezone.now() + timedelta(days=days),
        **fields,
    )
    audit.record(
        actor=user,
        collective=None,
        action=audit.Action.CREATE,
        target=token,
        summary=f"api token {token.pk} (gemeente {user.municipality_id}, {days} days)",
    )
    return token, secret


@transaction.atomic
def revoke_municipality_token(*, user, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk or token.municipality_id is None:
        raise ValueError("not this user's municipality token")
    return _revoke(token, actor=user, collective=None)


@dataclass(frozen=True)
class TokenAccess:
    """Who calls the API: the token and the member's access as it is now. A municipality
    token has no collective access (``access`` is None) and reaches only the figures."""

    token: ApiToken
    access: CollectiveAccess | None

    @property
    def may_write(self) -> bool:
        # A read-write token of someone who is now only a lid writes nothing.
        return self.token.may_write and self.access is not None and self.access.is_builder

    @property
    def municipality_user(self):
        """The municipality user behind a municipality token, else None."""
        return self.token.user if self.token.municipality_id is not None else None


def authenticate(secret: str) -> TokenAccess | None:
    """The token and current membership behind a secret, or None when the secret is unknown,
    revoked or expired, the person cannot log in any more, or is no longer a member."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related(
            "user", "user__municipality", "collective", "collective__municipality"
        )
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    if token.municipality_id is not None:
        # The person must still work for this very gemeente.
        if token.user.municipality_id != token.municipality_id:
            return None
        _touch(token)
        return TokenAccess(token=token, access=None)
    membership = Membership.objects.filter(user=token.user, collective=token.collective).first()
    if membership is None:
        return None
    membership.collective = token.collective
    _touch(token)
    access = CollectiveAccess(user=token.user, collective=token.collective, membership=membership)
    return TokenAccess(token=token, access=access)


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

"""The CSRF token of a page, masked as Django masks it but about eight times faster.

Django's ``get_token`` masks the CSRF secret with a new random mask on every page (its defence
against BREACH): 32 characters picked one by one with ``secrets.choice`` and added to the secret
character by character with ``str.index`` lookups, about 0.1 ms of every page with a form
(docs/performance.md, Load). Here the mask is drawn from one ``secrets.token_bytes`` call (each
byte below 248 gives one of the 62 allowed characters, uniformly: 248 = 4 × 62; the others are
thrown away) and added through a table. The token has Django's form (mask + cipher, 64
characters of ``CSRF_ALLOWED_CHARS``) and Django checks it as any other: only how the random
mask is drawn differs, not what it is. A request without a CSRF cookie yet, or with a secret
of another form, is handed to Django's ``get_token``."""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.functional import SimpleLazyObject

_CHARS = CSRF_ALLOWED_CHARS
_BASE = len(_CHARS)
_INDEX = {c: i for i, c in enumerate(_CHARS)}
# The largest multiple of the alphabet's size a byte can hold: bytes at or above it are thrown
# away, so that every character is equally likely.
_LIMIT = 256 - 256 % _BASE
# _SUM[x][y]: the character at (x + y) mod 62, as Django's _mask_cipher_secret adds them.
_SUM = [[_CHARS[(x + y) % _BASE] for y in range(_BASE)] for x in range(_BASE)]


def random_mask() -> list[int]:
    """CSRF_SECRET_LENGTH positions in the alphabet, each uniformly random (``secrets``)."""
    picks: list[int] = []
    while len(picks) < CSRF_SECRET_LENGTH:
        picks += [b % _BASE for b in secrets.token_bytes(CSRF_SECRET_LENGTH + 8) if b < _LIMIT]
    return picks[:CSRF_SECRET_LENGTH]


def mask_secret(secret: str) -> str:
    """The token for ``secret``: as ``django.middleware.csrf._mask_cipher_secret``."""
    mask = random_mask()
    return "".join([_CHARS[m] for m in mask]) + "".join(
        [_SUM[_INDEX[c]][m] for c, m in zip(secret, mask, strict=True)]
    )


def token(request) -> str:
    """``django.middleware.csrf.get_token``: a new masked token for the request's secret, with
    the same side effect (the CSRF cookie is sent again with the answer, renewing it)."""
    secret = request.META.get("CSRF_COOKIE")
    if (
        not isinstance(secret, str)
        or len(secret) != CSRF_SECRET_LENGTH
        or any(c not in _INDEX for c in secret)
    ):
        return get_token(request)  # no cookie yet (Django makes the secret), or odd
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return mask_secret(secret)


def csrf(request):
    """Context processor: Django's ``csrf_token`` (its built-in ``csrf`` processor), masked by
    ``token``; listed after the built-in one, whose value it replaces."""
    return {"csrf_token": SimpleLazyObject(lambda: token(request))}

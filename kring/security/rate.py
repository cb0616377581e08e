"""Counting asks per hour in the shared cache, for limits on public forms (a forgotten
password, a collective's sign-up). Keys are hashed, so the cache holds no addresses."""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 60 * 60  # the limits count per hour


def hashed(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def count(key: str, *, window: int = WINDOW_SECONDS) -> int:
    """One more in this window's count under ``key`` (the shared cache; per process without
    one). Returns the count including this one."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the count expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1

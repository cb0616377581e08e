"""The shared cache that a Redis outage cannot turn into errors.

Everything Kring keeps in the cache can be made again from the database, so while Redis
cannot be reached a node answers as if the cache were empty: reads miss, writes are skipped,
``add`` adds nothing, ``incr`` finds no counter. Pages are slower, none ends in a 500 (with
Django's own backend every page would, the sessions being read from the cache).

A key this node could not delete during the outage (a log-out's session, a dropped figure) may
still be in Redis when it answers again, so the first time this process reaches Redis after a
failure it empties the cache's database before anything else is read: stale answers cannot
outlive the outage. The proxy still takes a node out when its ``/healthz`` finds the cache
unreachable (``kring.core.health``); this backend covers the requests before that and an
installation of one node."""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# After a failure Redis is tried again only this long after: an unreachable host costs a
# connect timeout per try, and a page makes several cache calls.
RETRY_SECONDS = 5.0


def _unreachable(error: Exception) -> bool:
    # redis-py's own errors and the socket's; a programming error (a bad key, a value that
    # cannot be pickled) still raises.
    return isinstance(error, RedisConnectionError | RedisTimeoutError | OSError)


class TolerantRedisCache(RedisCache):
    """Django's Redis cache answering as an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._lost_lock = threading.Lock()
        self._lost = False  # a call failed; empty the database once Redis answers again
        self._retry_at = 0.0

    def _call(self, method: str, failed, *args, **kwargs):
        if self._lost and not self._recover():
            return failed
        try:
            return getattr(super(), method)(*args, **kwargs)
        except Exception as error:
            if not _unreachable(error):
                raise
            with self._lost_lock:
                if not self._lost:
                    logger.warning("shared cache unreachable: answering without it", exc_info=True)
                self._lost = True
                self._retry_at = time.monotonic() + RETRY_SECONDS
            return failed

    def _recover(self) -> bool:
        with self._lost_lock:
            if not self._lost:
                return True
            if time.monotonic() < self._retry_at:
                return False
            try:
                super().clear()
            except Exception as error:
                if not _unreachable(error):
                    raise
                self._retry_at = time.monotonic() + RETRY_SECONDS
                return False
            self._lost = False
            logger.warning("shared cache reachable again: emptied what it kept before")
            return True

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        answer = self._call("incr", missing, key, delta, version=version)
        if answer is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")
        return answer

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version=version)

    def clear(self):
        return self._call("clear", False)

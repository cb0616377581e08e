"""The shared cache while Redis is away: every call answers as an empty cache, and what could
not be deleted during the outage is gone once Redis answers again (kring.core.cache)."""

import socket
import time

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from bench.cluster import Processes, free_port, program, start_redis
from kring.core import cache as shared


def unreachable_cache() -> shared.TolerantRedisCache:
    # Nothing listens on the discard port: every call fails at once.
    return shared.TolerantRedisCache("redis://127.0.0.1:9/0", {})


def test_an_unreachable_cache_answers_as_an_empty_one():
    cache = unreachable_cache()
    assert cache.get("a") is None
    assert cache.get("a", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    cache.set("a", 1)
    assert cache.add("a", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    with pytest.raises(ValueError):
        cache.incr("a")
    assert cache.get_or_set("a", lambda: "made") == "made"
    assert cache.delete("a") is False
    cache.delete_many(["a"])
    assert cache.touch("a") is False


def test_a_mistake_of_the_code_still_raises():
    cache = unreachable_cache()
    with pytest.raises(TypeError):
        cache.get_many(None)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if program("redis-server") is None:
        pytest.skip("redis-server is not installed (make test installs it)")
    processes = Processes(tmp_path_factory.mktemp("redis"))
    port = free_port()
    start_redis(processes, port)
    try:
        for _try in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/3"
    finally:
        processes.stop_all()


def test_what_could_not_be_deleted_is_gone_when_redis_answers_again(redis_url, monkeypatch):
    cache = shared.TolerantRedisCache(redis_url, {})
    other_node = shared.TolerantRedisCache(redis_url, {})
    cache.set("session", "logged in")
    cache.set("figures", [1, 2, 3])
    assert other_node.get("session") == "logged in"

    # A log-out on this node while Redis does not answer: the delete is lost.
    client = cache._cache

    def refused(*args, **kwargs):
        raise RedisConnectionError("connection refused")

    monkeypatch.setattr(client, "delete", refused)
    assert cache.delete("session") is False
    monkeypatch.undo()
    # Before its next try this node answers without Redis.
    assert cache.get("figures") is None
    monkeypatch.setattr(shared, "RETRY_SECONDS", 0.0)
    cache._retry_at = 0.0
    # Redis answers again: the first call empties what was kept before the outage.
    assert cache.get("session") is None
    assert other_node.get("session") is None
    assert other_node.get("figures") is None
    cache.set("new", "kept")
    assert other_node.get("new") == "kept"

"""/healthz tells a proxy whether this node may get requests, and nothing more."""

import pytest
from django.core.cache.backends.locmem import LocMemCache

from kring.core import health

pytestmark = pytest.mark.django_db


def test_a_healthy_node_says_so_without_telling_anything_else(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "cache": "ok", "migrations": "ok"}
    assert answer["Cache-Control"] == "no-store"
    assert "Server" not in answer and b"version" not in answer.content.lower()


def test_a_node_whose_cache_is_away_is_left_out(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise ConnectionError("no cache server")

    monkeypatch.setattr(LocMemCache, "set", broken)
    answer = client.get("/healthz")
    assert answer.status_code == 503
    assert answer.json()["cache"] == "fout" and answer.json()["database"] == "ok"


def test_a_node_with_migrations_the_database_lacks_is_left_out(client, monkeypatch):
    monkeypatch.setattr(health, "_migrations_ok_until", 0.0)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)]
    )
    answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json()["migrations"] == "fout"


def test_only_reading_is_allowed(client):
    assert client.post("/healthz").status_code == 405

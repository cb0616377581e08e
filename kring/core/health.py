"""``/healthz``: may a proxy send requests to this node? Yes when the database answers, the
cache answers and every migration of this code is applied to the database.

The answer names the three checks and nothing else: no version, no host, no personal data.
A node whose code is newer than the database (a deploy before ``migrate``) answers 503, so the
proxy keeps sending to the nodes that still fit the database."""

import time
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseNotAllowed, JsonResponse

# Migrations found applied stay applied (nothing un-applies them under a running node), so a
# node checks them again only once a minute; the database and cache are checked each time.
MIGRATIONS_RECHECK_SECONDS = 60
_migrations_ok_until = 0.0


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache() -> bool:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # any failure of the cache backend means "not healthy"
        return False


def _migrations() -> bool:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return True
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return False
    if pending:
        return False
    _migrations_ok_until = time.monotonic() + MIGRATIONS_RECHECK_SECONDS
    return True


def healthz(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    checks = {"database": _database()}
    checks["cache"] = _cache()
    checks["migrations"] = checks["database"] and _migrations()
    healthy = all(checks.values())
    response = JsonResponse(
        {
            "status": "ok" if healthy else "fout",
            **{k: "ok" if v else "fout" for k, v in checks.items()},
        },
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response

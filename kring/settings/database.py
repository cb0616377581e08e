"""Where Kring keeps its data: the database (with SQLite's and PostgreSQL's tuning), the cache
(shared through Redis when there are several processes, with sessions read from it), and the
queue of background work and its workers."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import VAR_DIR, env_bool, env_int, env_str

DATABASES = {
    "default": dj_database_url.parse(
        env_str("KRING_DATABASE_URL", f"sqlite:///{VAR_DIR / 'kring.sqlite3'}"),
        conn_max_age=env_int("KRING_DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Kring runs on these two only: its triggers, full-text index and migrations are written for them.
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured(
        "KRING_DATABASE_URL must start with sqlite:// or postgres://, not "
        f"{DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )
# The cache. One process (the demo, a small installation) keeps it in its own memory. Several
# web processes or app nodes share one Redis through KRING_CACHE_URL, so a change made through
# one node (an asset saved, a consent withdrawn, figures no longer shared) drops the cached
# answers of every node at once. Everything Kring caches can be rebuilt from the database, so
# Redis needs no persistence.
CACHE_URL = env_str("KRING_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "kring.core.cache.TolerantRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("KRING_CACHE_PREFIX", "kring"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions are read from the shared cache and written to both: one query less on every
    # request. Only with a shared cache: with a cache per process, a log-out on one node would
    # leave the session alive in another node's memory.
    SESSION_ENGINE = "kring.core.sessions.cached_db"
elif CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Django's database sessions, read by a query compiled once per process.
    SESSION_ENGINE = "kring.core.sessions.db"
else:
    raise ImproperlyConfigured(
        f"KRING_CACHE_URL must start with redis://, rediss:// or unix://, not {CACHE_URL!r}"
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids "database is locked"
    # when a read transaction later wants to write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Kring's queries are short; PostgreSQL's JIT compiler spent ~50 ms compiling them once the
    # planner guessed them costly. A collective's rows are few and cached, so index reads are
    # cheap: with the default random_page_cost (4, for spinning disks) the planner read every
    # consent in the country to check one collective's (measured with the load benchmark).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
    # Prepared statements: a query a connection has run a few times (the session, the user, the
    # memberships, a list's page) is parsed and planned once, not on every request; this took
    # about a third off the PostgreSQL backends' CPU per request (docs/performance.md, Load).
    # They need the parameters sent apart from the query (server-side binding). Behind
    # PgBouncer in transaction mode they need PgBouncer 1.21 or later with
    # max_prepared_statements set; with an older pooler set this to false.
    if env_bool("KRING_DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].update(
            server_side_binding=True,
            prepare_threshold=env_int("KRING_DATABASE_PREPARE_THRESHOLD", 5),
        )

# Background work: kept in the database and run by `manage.py db_worker` (one or more
# processes). KRING_TASKS_IMMEDIATE=true runs tasks at once in the web process instead, which
# suits a small demo without a worker, and the tests.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_bool("KRING_TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Workers started with `manage.py kring_worker` say they are alive this often; a worker silent
# for longer than the second number is taken for dead and its running task is queued again.
KRING_WORKER_HEARTBEAT_SECONDS = float(env_str("KRING_WORKER_HEARTBEAT_SECONDS", "5"))
KRING_WORKER_DEAD_AFTER_SECONDS = float(env_str("KRING_WORKER_DEAD_AFTER_SECONDS", "30"))

"""A small Kring installation of several machines on 127.0.0.1 for the tests: the processes
(Redis, gunicorn nodes, HAProxy) are started by bench.cluster, which the two-node load benchmark
uses too; here the nodes' settings, and logging in and sending forms through them."""

import os
from urllib.parse import urljoin

import requests

from bench.cluster import (  # noqa: F401 - the tests use them through this module
    ROOT,
    Processes,
    free_port,
    needed_programs,
    program,
    start_node,
    start_proxy,
    start_redis,
    wait_until,
)
from tests.stale_forms import page_forms


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


def node_env(database: str, cache_url: str, **extra: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KRING_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        KRING_DATABASE_URL=database,
        KRING_CACHE_URL=cache_url,
        # Plain HTTP on 127.0.0.1: no redirect to HTTPS and cookies without the Secure flag.
        KRING_DEBUG="true",
        KRING_REQUIRE_2FA="false",
        KRING_ALLOWED_HOSTS="127.0.0.1,localhost",
        KRING_MAP_TILES_URL="",
        KRING_SUPPRESSION_THRESHOLD="1",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def submit(session: requests.Session, base: str, path: str, changes: dict, *, action=None):
    """Open ``path``, fill in the form that has the fields of ``changes`` (or the one sent to
    ``action``; a list value replaces every field of that name: checkboxes) and send it as the
    browser would."""
    page = session.get(base + path, timeout=30)
    page.raise_for_status()
    forms = page_forms(page.text)
    if action is not None:
        chosen = next(f for f in forms if f["action"] == action)
    else:
        chosen = max(forms, key=lambda f: len(f["names"] & set(changes)))
        assert chosen["names"] & set(changes), f"no form with {sorted(changes)} on {path}"
    fields = [(k, v) for k, v in chosen["fields"] if k not in changes]
    for name, value in changes.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((name, item))
    action = urljoin(base + path, chosen["action"] or path)
    return session.post(action, data=fields, headers={"Referer": base + path}, timeout=30)


def log_in(base: str, email: str, password: str) -> requests.Session:
    session = requests.Session()
    answer = submit(session, base, "/login/", {"username": email, "password": password})
    assert answer.ok and "sessionid" in session.cookies, f"log-in failed: {answer.status_code}"
    return session

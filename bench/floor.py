"""CPU of the floor every page pays, in one process: by default the accessibility statement
(the base template with its header and footer, no content of its own read from the database)
asked by a logged-in buurtmaker of the city `python -m bench --size full load` made, through
the WSGI handler with production settings, as ``bench/inprocess.py`` does for the whole mix;
prints the worker's CPU and the PostgreSQL backend's CPU per request, the queries the page
made and its calls to the shared cache.

With KRING_BENCH_FLOOR_PAGES (page types of the load mix, separated by commas, e.g.
``gift list,overview,residents``) it asks those pages instead, each time with the same address:
with a shared cache (``KRING_CACHE_URL``) their bodies are kept after the first request, so
what is measured is what a kept page costs (the floor, the frame and the cache's answer).

Run from the folder of the code to measure, like ``bench/inprocess.py``:

    KRING_BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/floor.py
    (cd var/bench-baseline && KRING_BENCH_DATABASE_URL=postgres://… ../../.venv/bin/python ../../bench/floor.py)

KRING_BENCH_REQUESTS (300 per page); KRING_BENCH_PROFILE=<file> writes a cProfile (CPU time)
of the measured requests.
"""

import cProfile
import gc
import importlib.util
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())

# The measuring code from this script's own folder (the code measured comes from the current
# folder, which may be an older version without it).
_spec = importlib.util.spec_from_file_location(
    "inprocess", Path(__file__).with_name("inprocess.py")
)
inprocess = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(inprocess)


def _cache_calls(counted: list):
    """Counts the shared cache's calls (a Redis round trip each) into ``counted``."""
    from django.core.cache import cache

    for name in ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr"):
        method = getattr(cache, name, None)
        if method is None:
            continue

        def counting(*args, _method=method, _name=name, **kwargs):
            counted.append(_name)
            return _method(*args, **kwargs)

        setattr(cache, name, counting)


def main() -> None:
    app, logins = inprocess.start_city()
    from django.db import connection
    from django.urls import reverse

    from bench.load import BENCH_SECRET_KEY, page_mix, session_cookie

    user, collective, _role = logins[0]
    cookie = session_cookie(user, BENCH_SECRET_KEY)
    wanted = [p for p in os.environ.get("KRING_BENCH_FLOOR_PAGES", "").split(",") if p]
    if wanted:
        mix = {name: paths[0] for _weight, name, paths in page_mix(collective, "buurtmaker")}
        paths = [(name, mix[name]) for name in wanted]
    else:
        paths = [("floor", reverse("privacy:accessibility"))]
    counted: list = []
    _cache_calls(counted)
    requests = int(os.environ.get("KRING_BENCH_REQUESTS", "300"))
    profile_file = os.environ.get("KRING_BENCH_PROFILE")
    profile = cProfile.Profile(time.process_time) if profile_file else None

    # As the load benchmark's browsers: the session and, from the first answer on, the CSRF
    # cookie it set (without it every page would make a new secret and set the cookie).
    cookies = [f"sessionid={cookie}"]

    for name, path in paths:

        def get(path=path) -> str:
            status, headers, _content = inprocess.wsgi_call(app, "GET", path, "; ".join(cookies))
            if not status.startswith("200"):
                sys.exit(f"{path}: {status}")
            for header, value in headers:
                value = value.strip()
                if header.lower() == "set-cookie" and value.startswith("csrftoken="):
                    cookies[1:] = [value.split(";", 1)[0]]
            return status

        for _ in range(20):
            get()  # warm: templates, prepared statements, compiled queries, the kept body
        connection.force_debug_cursor = True
        counted.clear()
        get()
        queries = connection.queries_log.copy()  # emptied when each request starts
        calls = list(counted)
        connection.force_debug_cursor = False
        gc.collect()
        gc.disable()  # the collector's turns fall on whichever request is running
        backend, started = inprocess.backend_cpu(), time.process_time()
        if profile:
            profile.enable()
        for _ in range(requests):
            get()
        if profile:
            profile.disable()
        worker = (time.process_time() - started) / requests * 1000
        backend = (inprocess.backend_cpu() - backend) / requests * 1000
        gc.enable()
        print(
            f"{name} ({os.getcwd()}), load average {os.getloadavg()[0]:.2f}: {path} for a"
            f" logged-in buurtmaker, {len(queries)} queries, {len(calls)} cache calls"
            f" ({', '.join(calls)}), worker CPU {worker:.2f} ms + backend {backend:.2f} ms"
            " per request"
        )
        if os.environ.get("KRING_BENCH_SHOW_QUERIES"):
            for query in queries:
                print("     ", query["sql"][:300])
    if profile:
        profile.dump_stats(profile_file)


if __name__ == "__main__":
    main()

"""CPU of the floor every page pays, in one process: the accessibility statement (the base
template with its header and footer, no content of its own read from the database) asked by a
logged-in buurtmaker of the city `python -m bench --size full load` made, through the WSGI
handler with production settings, as ``bench/inprocess.py`` does for the whole mix; prints the
worker's CPU per request and the queries the page made.

Run from the folder of the code to measure, like ``bench/inprocess.py``:

    KRING_BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/floor.py
    (cd var/bench-baseline && KRING_BENCH_DATABASE_URL=postgres://… ../../.venv/bin/python ../../bench/floor.py)

KRING_BENCH_REQUESTS (300).
"""

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


def main() -> None:
    app, logins = inprocess.start_city()
    from django.db import connection
    from django.urls import reverse

    from bench.load import BENCH_SECRET_KEY, session_cookie

    cookie = session_cookie(logins[0][0], BENCH_SECRET_KEY)
    path = reverse("privacy:accessibility")

    def get() -> str:
        status = inprocess.wsgi_get(app, path, cookie)
        if not status.startswith("200"):
            sys.exit(f"{path}: {status}")
        return status

    for _ in range(20):
        get()  # warm: templates, prepared statements, compiled queries
    connection.force_debug_cursor = True
    get()
    queries = connection.queries_log.copy()  # emptied when each request starts
    connection.force_debug_cursor = False
    requests = int(os.environ.get("KRING_BENCH_REQUESTS", "300"))
    gc.collect()
    gc.disable()  # the collector's turns fall on whichever request is running
    started = time.process_time()
    for _ in range(requests):
        get()
    worker = (time.process_time() - started) / requests * 1000
    gc.enable()
    print(
        f"floor ({os.getcwd()}), load average {os.getloadavg()[0]:.2f}: {path} for a logged-in"
        f" buurtmaker, {len(queries)} queries, worker CPU {worker:.2f} ms per request"
    )


if __name__ == "__main__":
    main()

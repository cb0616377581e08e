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
import io
import os
import sys
import time

sys.path.insert(0, os.getcwd())


def main() -> None:
    from bench.load import BENCH_SECRET_KEY, SIZES, existing_city, server_env

    os.environ["KRING_DATABASE_URL"] = os.environ["KRING_BENCH_DATABASE_URL"]
    env, _production = server_env(True, sys.stdout)
    env.pop("KRING_SERVER_TIMING", None)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="kring.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.urls import reverse

    from bench.load import session_cookie

    logins = existing_city(SIZES["full"], sys.stdout)
    if logins is None:
        sys.exit("no city: run `python -m bench --size full load` once against this database")
    cookie = session_cookie(logins[0][0], BENCH_SECRET_KEY)
    app, path = WSGIHandler(), reverse("privacy:accessibility")

    def get() -> str:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_COOKIE": f"sessionid={cookie}",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []
        body = app(environ, lambda s, headers, exc_info=None: status.append(s))
        b"".join(body)
        body.close()
        if not status[0].startswith("200"):
            sys.exit(f"{path}: {status[0]}")
        return status[0]

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

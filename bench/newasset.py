"""CPU of the load mix's "POST new asset" in one process: a buurtmaker of the city
`python -m bench --size full load` made asks the form for a new association and sends it
(title, visibility, source), through the WSGI handler with production settings, as
``bench/inprocess.py`` does for the pages; prints the worker's CPU of the form's GET and of the
POST (median and fastest) and the queries of one POST. Every run adds assets to the city.

Run from the folder of the code to measure, like ``bench/inprocess.py``:

    KRING_BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/newasset.py
    (cd <other version> && KRING_BENCH_DATABASE_URL=postgres://… <this>/.venv/bin/python <this>/bench/newasset.py)

KRING_BENCH_REQUESTS (60).
"""

import gc
import importlib.util
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, os.getcwd())

# The measuring code from this script's own folder (the code measured comes from the current
# folder, which may be an older version without it).
_spec = importlib.util.spec_from_file_location(
    "inprocess", Path(__file__).with_name("inprocess.py")
)
inprocess = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(inprocess)


def call(app, method: str, path: str, cookies: str, body: bytes = b""):
    """(status, headers, content) of one request through ``app``."""
    return inprocess.wsgi_call(app, method, path, cookies, body)


def main() -> None:
    app, logins = inprocess.start_city()
    from django.db import connection
    from django.urls import reverse

    from bench.load import BENCH_SECRET_KEY, session_cookie

    user, collective, _role = next(login for login in logins if login[2] == "buurtmaker")
    session = f"sessionid={session_cookie(user, BENCH_SECRET_KEY)}"
    path = reverse("assets:create", args=[collective.slug, "association"])
    _status, headers, _content = call(app, "GET", path, session)
    # The browser keeps the CSRF cookie the first answer sets, as the load benchmark's users do.
    token = next(
        re.search(r"csrftoken=([^;]+)", value).group(1)
        for name, value in headers
        if name == "Set-Cookie" and "csrftoken=" in value
    )
    cookies = f"{session}; csrftoken={token}"
    sent = [0]

    def one(timings, count_queries=False) -> None:
        started = time.process_time()
        status, _headers, content = call(app, "GET", path, cookies)
        form_token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        form = time.process_time() - started
        sent[0] += 1
        body = urlencode(
            {
                "csrfmiddlewaretoken": form_token.group(1).decode(),
                "title": f"Buurtgroep {os.getpid()}-{sent[0]}",
                "visibility": "leden",
                "source": "handmatig",
            }
        ).encode()
        connection.force_debug_cursor = count_queries
        started = time.process_time()
        status, _headers, _content = call(app, "POST", path, cookies, body)
        post = time.process_time() - started
        connection.force_debug_cursor = False
        if not status.startswith("302"):
            sys.exit(f"POST {path}: {status}")
        if timings is not None:
            timings.append((form * 1000, post * 1000))

    for _ in range(10):
        one(None)  # warm: templates, prepared statements, compiled queries
    one(None, count_queries=True)
    queries = len(connection.queries_log)  # emptied when each request starts
    requests = int(os.environ.get("KRING_BENCH_REQUESTS", "60"))
    timings = []
    gc.collect()
    gc.disable()  # the collector's turns fall on whichever request is running
    for _ in range(requests):
        one(timings)
    gc.enable()
    forms = sorted(t[0] for t in timings)
    posts = sorted(t[1] for t in timings)
    print(
        f"new asset ({os.getcwd()}), load average {os.getloadavg()[0]:.2f}: form GET median"
        f" {forms[len(forms) // 2]:.2f} ms (fastest {forms[0]:.2f}), POST median"
        f" {posts[len(posts) // 2]:.2f} ms (fastest {posts[0]:.2f}), {queries} queries per POST"
    )


if __name__ == "__main__":
    main()

"""CPU per request of the load benchmark's mix measured in one process, for a machine too busy
for the load benchmark's figures to mean much: the WSGI handler is called directly (production
settings, a long-lived PostgreSQL connection) for a buurtmaker and a member of a few
collectives of the city `python -m bench --size full load` made, every page type of the mix
(no POST) a few times after a warm-up round; the worker's CPU from ``time.process_time()``,
the PostgreSQL backend's from /proc; the mix weighted as the simulated users walk it.

Run from the folder of the code to measure (its ``kring`` is the one imported), so another
version can be measured against the same city:

    KRING_BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/inprocess.py
    (cd var/bench-baseline && KRING_BENCH_DATABASE_URL=postgres://… ../../.venv/bin/python ../../bench/inprocess.py)

KRING_BENCH_COLLECTIVES (2), KRING_BENCH_ROUNDS (3); KRING_BENCH_PROFILE=<file> also writes a
cProfile of the measured rounds (CPU time) to that file. KRING_BENCH_PAGES=overview,… measures
only those page types; KRING_BENCH_NEW_VERSION=true gives the page's collective a new data
version before each measured request (outside the measurement), so nothing kept in the page
cache is served: what a page costs right after a write.
"""

import cProfile
import io
import os
import random
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.getcwd())


def start_city():
    """Django with production settings on the city the load benchmark made: (WSGI handler, the
    city's log-ins). Also used by ``bench/floor.py``."""
    from bench.load import SIZES, existing_city, server_env

    os.environ["KRING_DATABASE_URL"] = os.environ["KRING_BENCH_DATABASE_URL"]
    env, _production = server_env(True, sys.stdout)
    env.pop("KRING_SERVER_TIMING", None)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="kring.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    logins = existing_city(SIZES["full"], sys.stdout)
    if logins is None:
        sys.exit("no city: run `python -m bench --size full load` once against this database")
    return WSGIHandler(), logins


def wsgi_call(app, method: str, path: str, cookies: str, body: bytes = b""):
    """(status, headers, content) of one request to ``app`` (``path`` with its query) as a
    browser sends it with ``cookies``; a body is sent as a form. Also used by
    ``bench/newasset.py``."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": cookies,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if body:
        environ.update(
            CONTENT_TYPE="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(len(body)),
            HTTP_REFERER=f"https://127.0.0.1{path}",
        )
    answer = []
    content = app(environ, lambda status, headers, exc_info=None: answer.append((status, headers)))
    data = b"".join(content)
    content.close()
    return answer[0][0], answer[0][1], data


def wsgi_get(app, path: str, cookie: str) -> str:
    """GET ``path`` (with its query) through ``app`` as a logged-in browser would; the status."""
    return wsgi_call(app, "GET", path, f"sessionid={cookie}")[0]


def backend_cpu() -> float:
    """CPU seconds of this process's PostgreSQL backend so far (from /proc)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    app, logins = start_city()
    from django.db import connection

    from bench.load import BENCH_SECRET_KEY, page_mix, session_cookie

    collectives = int(os.environ.get("KRING_BENCH_COLLECTIVES", "2"))
    users = [
        (session_cookie(user, BENCH_SECRET_KEY), page_mix(collective, role))
        for user, collective, role in logins[: 2 * collectives]
    ]

    rng = random.Random(1)
    pages = {name for name in os.environ.get("KRING_BENCH_PAGES", "").split(",") if name}
    new_version = os.environ.get("KRING_BENCH_NEW_VERSION", "") == "true"

    def bump(path: str) -> None:
        """A new data version for the collective of ``path`` (/c/<slug>/…), as a write gives."""
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_dataversion SET version = version + 1 WHERE collective_id = "
                "(SELECT id FROM communities_collective WHERE slug = %s)",
                [path.split("/")[2]],
            )

    def one_round(record) -> None:
        for cookie, mix in users:
            for _weight, name, paths in mix:
                if name.startswith("POST") or (pages and name not in pages):
                    continue
                for path in rng.sample(paths, min(len(paths), 2)):
                    if new_version and record is not None:
                        bump(path)
                    backend, worker = backend_cpu(), time.process_time()
                    status = wsgi_get(app, path, cookie)
                    worker, backend = time.process_time() - worker, backend_cpu() - backend
                    if not status.startswith("200"):
                        sys.exit(f"{path}: {status}")
                    if record is not None:
                        record[name].append((worker * 1000, backend * 1000))

    one_round(None)  # warm: templates, per-process caches, prepared statements
    measured = defaultdict(list)
    profile_file = os.environ.get("KRING_BENCH_PROFILE")
    profile = cProfile.Profile(time.process_time) if profile_file else None
    if profile:
        profile.enable()
    for _round in range(int(os.environ.get("KRING_BENCH_ROUNDS", "3"))):
        one_round(measured)
    if profile:
        profile.disable()
        profile.dump_stats(profile_file)
    print(f"CPU ms per request, in process ({os.getcwd()}), load average {os.getloadavg()[0]:.2f}")
    for name, rows in sorted(measured.items()):
        worker = sum(r[0] for r in rows) / len(rows)
        backend = sum(r[1] for r in rows) / len(rows)
        print(
            f"   {name:20} {len(rows):4} requests   worker {worker:6.1f}   backend {backend:5.1f}"
        )
    weights = worker = backend = 0.0
    for _cookie, mix in users:
        for weight, name, _paths in mix:
            if name in measured:
                rows = measured[name]
                worker += weight * sum(r[0] for r in rows) / len(rows)
                backend += weight * sum(r[1] for r in rows) / len(rows)
                weights += weight
    print(
        f"   the mix, weighted: worker {worker / weights:.1f} + backend {backend / weights:.1f}"
        f" = {(worker + backend) / weights:.1f} ms"
    )


if __name__ == "__main__":
    main()

"""A city under load: many people using Kring at once, served by gunicorn on loopback.

A generated city (full: 100,000 residents, 500,000 assets, 300,000 connections in 40
collectives) is served by gunicorn (production settings, a few workers) on 127.0.0.1. Simulated
users, each logged in as a buurtmaker or member of one collective, walk a realistic mix of pages
with a pause between pages, as people do: the overview, lists with search and filters, details,
resident pages, the gift conversation form, the connections log, and now and then a new asset
(POST). Baseline in the same run: the same mix by one user without pauses. Printed per page:
p50/p95/p99 and errors. Target: p95 at most 150 ms with 50 users, no errors.

At the full size the servers share a Redis as their cache (Debian's redis-server, started here
on a free port and stopped at the end; ``KRING_CACHE_URL`` given by the caller wins), as
docs/deploy.md sets up any installation with more than one web process: the 4 workers are four
processes, and a cache in each one's memory is not what production runs. Redis's CPU is
counted with the requests, beside the workers' and PostgreSQL's.

Bounded: requests only to 127.0.0.1, each run stops after its duration, every request has a
timeout, and the server is stopped at the end.
"""

import contextlib
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from math import isnan, nan
from pathlib import Path
from urllib.parse import urlencode

from bench import cluster
from bench.cluster import free_port
from bench.registry import ROOT, benchmark, percentile

SIZES = {
    # collectives, residents each, gifts per resident, other assets each, connections each,
    # users, seconds with all users, seconds of baseline, pause between pages (s)
    "small": {
        "collectives": 2,
        "residents": 60,
        "gifts": 3,
        "others": 40,
        "connections": 120,
        "users": 8,
        "seconds": 4,
        "baseline_seconds": 2,
        "pause": (0.05, 0.2),
    },
    "full": {
        "collectives": 40,
        "residents": 2500,
        "gifts": 3,
        "others": 5000,
        "connections": 7500,
        "users": 50,
        "seconds": 60,
        "baseline_seconds": 20,
        "pause": (1.0, 3.0),
    },
}
WORKERS = 4  # gunicorn sync workers: two per core on the 2-core reference machine
TIMEOUT = 30  # seconds per request, so a stuck server cannot hang the run
# The production server's key; the sessions made here are signed with it too.
BENCH_SECRET_KEY = "bench-only-" + "x" * 60


CITY_CODE = "GM9997"


def existing_city(size: dict, out):
    """The log-ins of a city an earlier run made with the same size, or None."""
    from kring.communities.models import Collective, Membership
    from kring.people.models import Resident

    collectives = Collective.objects.filter(municipality__code=CITY_CODE)
    if (
        collectives.count() != size["collectives"]
        or Resident.objects.filter(collective__in=collectives).count()
        != size["collectives"] * size["residents"]
    ):
        return None
    logins = []
    for index in range(size["collectives"]):
        for role in ("buurtmaker", "lid"):
            membership = (
                Membership.objects.select_related("user", "collective")
                .filter(collective__slug=f"c{index}", user__email=f"{role}{index}@example.org")
                .first()
            )
            if membership is None:
                return None
            logins.append((membership.user, membership.collective, role))
    out.write(f"   city: reusing the one an earlier run made ({size['collectives']} collectives)\n")
    return logins


def build_city(size: dict, out):
    """The city's collectives, residents, assets and connections; returns the log-ins.
    A city of the same size that an earlier run left in the database is reused."""
    from django.core.management import call_command
    from django.utils import timezone

    logins = existing_city(size, out)
    if logins is not None:
        return logins
    call_command("flush", interactive=False, verbosity=0)

    from bench.collective_pages import populate
    from kring.communities.models import Membership
    from kring.core.models import User
    from kring.geo.models import District, Municipality, Neighbourhood

    started = time.perf_counter()
    municipality = Municipality.objects.create(code="GM9997", name="Laststad", year=2025)
    district = District.objects.create(
        code="WK999701", name="Centrum", year=2025, municipality=municipality
    )
    neighbourhoods = [
        Neighbourhood.objects.create(
            code=f"BU999701{n:02d}", name=f"Buurt {n}", year=2025, district=district
        )
        for n in range(20)
    ]
    try:
        from kring.initiatives.models import Connection
    except ImportError:  # the connections log is not in every version of Kring
        Connection = None
    logins = []
    today = timezone.localdate()
    for index in range(size["collectives"]):
        collective = populate(
            index,
            size["residents"],
            size["gifts"],
            size["others"],
            municipality,
            neighbourhoods,
        )
        for role in ("buurtmaker", "lid"):
            user = User.objects.create_user(f"{role}{index}@example.org", None, name=role)
            Membership.objects.create(user=user, collective=collective, role=role)
            logins.append((user, collective, role))
        if Connection is not None:
            rng = random.Random(index)
            residents = list(collective.residents.values_list("pk", flat=True))
            others = list(
                collective.assets.exclude(category="gift").values_list("pk", flat=True)[:500]
            )
            ties = []
            for n in range(size["connections"]):
                a, b = rng.sample(residents, 2)
                to_asset = n % 3 == 0 and others
                ties.append(
                    Connection(
                        collective=collective,
                        resident_id=a,
                        other_resident_id=None if to_asset else b,
                        asset_id=rng.choice(others) if to_asset else None,
                        kind=rng.choice(["voorgesteld", "ontmoet", "burenhulp"]),
                        happened_on=today,
                    )
                )
            Connection.objects.bulk_create(ties, batch_size=5000)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from kring.assets.models import Asset
    from kring.people.models import Resident

    connections = Connection.objects.count() if Connection is not None else 0
    out.write(
        f"   city: {size['collectives']} collectives, {Resident.objects.count():,} residents, "
        f"{Asset.objects.count():,} assets, {connections:,} connections"
        f"{'' if Connection is not None else ' (no connections log in this version)'}"
        f" (made in {time.perf_counter() - started:.0f} s)\n"
    )
    return logins


def session_cookie(user, secret_key: str | None = None) -> str:
    """A logged-in session made directly, as the log-in form would (no password hashing),
    signed with the server's key (a production server has its own)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test.utils import override_settings

    with override_settings(**({"SECRET_KEY": secret_key} if secret_key else {})):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return session.session_key


def page_mix(collective, role):
    """(weight, page type, path) for one user; what a person in a collective mostly does."""
    from django.urls import NoReverseMatch, reverse

    from kring.assets.models import Asset
    from kring.people.models import Resident

    slug = collective.slug
    # Builders open gifts; members open what is shared with everyone (they may not see a gift).
    shown = Asset.objects.filter(collective=collective).order_by("pk")
    shown = (
        shown.filter(category="gift")
        if role == "buurtmaker"
        else shown.filter(visibility="openbaar")
    )
    shown = shown.values_list("pk", flat=True)[:50]
    residents = Resident.objects.filter(collective=collective).values_list("pk", flat=True)[:50]
    neighbourhood = collective.working_area.values_list("pk", flat=True).first()
    mix = [
        (10, "overview", [reverse("communities:overview", args=[slug])]),
        (8, "gift list", [reverse("assets:list", args=[slug, "gift"])]),
        (
            8,
            "list search+filter",
            [
                reverse("assets:list", args=[slug, "gift"]) + "?" + urlencode({"q": word})
                for word in ("fietsen", "koken", "taal", "muziek")
            ]
            + [
                reverse("assets:list", args=[slug, "association"])
                + f"?neighbourhood={neighbourhood}"
            ],
        ),
        (8, "asset detail", [reverse("assets:detail", args=[slug, pk]) for pk in shown]),
        (6, "residents", [reverse("people:list", args=[slug])]),
        (4, "resident search", [reverse("people:list", args=[slug]) + "?q=Bewoner"]),
    ]
    if role == "buurtmaker":
        mix += [
            (6, "resident detail", [reverse("people:detail", args=[slug, pk]) for pk in residents]),
            (3, "gift conversation", [reverse("assets:conversation", args=[slug])]),
            (2, "POST new asset", [reverse("assets:create", args=[slug, "association"])]),
        ]
    if role == "buurtmaker":
        with contextlib.suppress(NoReverseMatch):
            mix.append((3, "connections", [reverse("initiatives:connections", args=[slug])]))
    return mix


class SimulatedUser(threading.Thread):
    def __init__(self, port, cookie, mix, until, pause, seed, results, lock):
        super().__init__(daemon=True)
        self.port, self.cookie, self.mix, self.until = port, cookie, mix, until
        self.pause, self.rng, self.results, self.lock = pause, random.Random(seed), results, lock
        self.csrf = ""
        self.cache = ""
        self.server = {}

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            # As behind the TLS proxy of a real installation.
            "X-Forwarded-Proto": "https",
            "Cookie": f"sessionid={self.cookie}"
            + (f"; csrftoken={self.csrf}" if self.csrf else ""),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for name, value in response.getheaders():
                match = (
                    re.match(r"csrftoken=([^;]+)", value) if name.lower() == "set-cookie" else None
                )
                if match:
                    self.csrf = match.group(1)
            timing = re.findall(
                r"(app|cpu|db);dur=([0-9.]+)", response.getheader("Server-Timing", "")
            )
            self.server = {name: float(value) for name, value in timing}
            # Whether the page's body came from the page cache (hit, miss; none: not cached).
            cached = re.search(r'cache;desc="(\w+)"', response.getheader("Server-Timing", ""))
            self.cache = cached.group(1) if cached else ""
            return response.status, content
        finally:
            connection.close()

    def run(self):
        weights = [w for w, _name, _paths in self.mix]
        counter = 0
        while time.monotonic() < self.until:
            _weight, name, paths = self.rng.choices(self.mix, weights)[0]
            path = self.rng.choice(paths)
            started = time.perf_counter()
            self.server, self.cache = {}, ""
            try:
                if name.startswith("POST"):
                    status, content = self.request("GET", path)
                    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
                    counter += 1
                    body = urlencode(
                        {
                            "csrfmiddlewaretoken": token.group(1).decode() if token else "",
                            "title": f"Buurtgroep {threading.get_ident()}-{counter}",
                            "visibility": "leden",
                            "source": "handmatig",
                        }
                    )
                    started = time.perf_counter()
                    status, _content = self.request("POST", path, body)
                    ok = status == 302
                else:
                    status, _content = self.request("GET", path)
                    ok = status == 200
            except (OSError, http.client.HTTPException):
                ok, status = False, 0
            elapsed = (time.perf_counter() - started) * 1000
            with self.lock:
                self.results[name].append(
                    (
                        elapsed,
                        ok,
                        self.server.get("app", nan),
                        self.server.get("cpu", nan),
                        self.server.get("db", nan),
                        status,  # 0: no answer (refused, timed out)
                        self.cache,
                    )
                )
            if self.pause:
                time.sleep(self.rng.uniform(*self.pause))


def server_env(production: bool, out, root=ROOT) -> tuple[dict, bool]:
    """The environment of a measured gunicorn server: production settings (after collecting
    the static files) when asked for and possible, Server-Timing on, long-lived database
    connections; ``root`` is the folder of the code served (this checkout, or another version
    of Kring for the comparison, see ``baseline_code``). Returns the environment and whether it
    has production settings."""
    env = {
        **os.environ,
        "KRING_DATABASE_URL": os.environ["KRING_DATABASE_URL"],
        "KRING_ALLOWED_HOSTS": "127.0.0.1",
        "KRING_LOG_LEVEL": "WARNING",
        "KRING_SECOND_FACTOR_REQUIRED": "false",
        # The simulated buurtmakers and leden need no second step; named here so it stays off.
        "KRING_REQUIRE_2FA": "false",
        "KRING_SERVER_TIMING": "true",
        # Database connections live through the whole run, so their CPU time can be read.
        "KRING_DATABASE_CONN_MAX_AGE": "900",
    }
    if production:
        production_env = {
            **env,
            "KRING_DEBUG": "false",
            "KRING_SECRET_KEY": BENCH_SECRET_KEY,
            "KRING_AUDIT_KEY": "bench-audit-only-" + "y" * 60,
            "KRING_STATIC_ROOT": str(root / "var" / "bench-static"),
            "KRING_SECURE_SSL_REDIRECT": "false",
        }
        collected = subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=root,
            env=production_env,
            capture_output=True,
            text=True,
        )
        if collected.returncode == 0:
            return production_env, True
        # Production serves hashed static files; without them, measure with debug settings.
        last = collected.stderr.strip().splitlines()[-1:]
        out.write(f"   collectstatic failed ({last}); serving with KRING_DEBUG=true\n")
    return env, False


def settings_label(production: bool) -> str:
    return (
        "production settings (KRING_DEBUG=false, collected static files)"
        if production
        else "KRING_DEBUG=true"
    )


def start_server(production: bool, out, root=ROOT, cache_url: str | None = None):
    """gunicorn serving the code in ``root`` (this checkout, or another version of Kring), with
    ``cache_url`` as its shared cache when given."""
    port = free_port()
    env, production = server_env(production, out, root)
    if cache_url:
        env["KRING_CACHE_URL"] = cache_url
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kring.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        # Run from the code's own folder: its kring package is the one imported.
        cwd=root,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        raise RuntimeError("gunicorn did not start within 60 s")
    which = "" if root == ROOT else " for the other version"
    out.write(f"   server{which}: gunicorn, {WORKERS} sync workers, {settings_label(production)}\n")
    return server, port, production


def run_users(port, users, seconds, pause) -> dict[str, list[tuple[float, bool, float, float]]]:
    results = defaultdict(list)
    lock = threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        SimulatedUser(port, cookie, mix, until, pause, seed, results, lock)
        for seed, (cookie, mix) in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + TIMEOUT + 5)
    return results


def _known(values):
    return [v for v in values if not isnan(v)] or [nan]


def _page_cpu(rows) -> str:
    """One page's worker CPU mean (Server-Timing) and its share of answers from the page cache."""
    cpu = _known([row[3] for row in rows])
    hits = sum(1 for row in rows if len(row) > 6 and row[6] == "hit")
    misses = sum(1 for row in rows if len(row) > 6 and row[6] in ("miss", "off"))
    cached = f"{100 * hits / (hits + misses):3.0f}%" if hits + misses else "   –"
    return f"{sum(cpu) / len(cpu):6.1f} ms {cached}"


def report(baseline, loaded, seconds, out) -> dict:
    """Per page: client latency (queueing included) beside the server's own time for the same
    requests (Server-Timing: wall and CPU of the worker), and one user's figures."""
    figures = {}
    out.write(
        f"   {'page':20} {'requests':>8} {'errors':>6}   {'p50':>7} {'p95':>7} {'p99':>7}"
        f"   {'server p50':>10} {'p95':>7} {'cpu mean':>8} {'db mean':>7}"
        f"   {'1 user p50':>10} {'p95':>7} {'cached':>7}\n"
    )
    hits_all = misses_all = 0
    everything, server_all, cpu_all, db_all = [], [], [], []
    for name in sorted(loaded):
        rows = loaded[name]
        times = [row[0] for row in rows]
        errors = sum(1 for row in rows if not row[1])
        server = _known([row[2] for row in rows])
        cpu = _known([row[3] for row in rows])
        db = _known([row[4] for row in rows])
        everything += times
        server_all += [v for v in server if not isnan(v)]
        cpu_all += [v for v in cpu if not isnan(v)]
        db_all += [v for v in db if not isnan(v)]
        hits = sum(1 for row in rows if len(row) > 6 and row[6] == "hit")
        misses = sum(1 for row in rows if len(row) > 6 and row[6] in ("miss", "off"))
        hits_all, misses_all = hits_all + hits, misses_all + misses
        base = [row[0] for row in baseline.get(name, [])] or [nan]
        row = {
            "requests": len(times),
            "errors": errors,
            "p50": percentile(times, 50),
            "p95": percentile(times, 95),
            "p99": percentile(times, 99),
            "server_p50": percentile(server, 50),
            "server_p95": percentile(server, 95),
            "cpu_mean": sum(cpu) / len(cpu),
            "db_mean": sum(db) / len(db),
            "baseline_p50": percentile(base, 50),
            "baseline_p95": percentile(base, 95),
            "cache_hits": hits,
            "cache_misses": misses,
        }
        cached = f"{100 * hits / (hits + misses):6.0f}%" if hits + misses else "      –"
        figures[name] = row
        out.write(
            f"   {name:20} {row['requests']:8} {errors:6}   {row['p50']:7.1f} {row['p95']:7.1f}"
            f" {row['p99']:7.1f}   {row['server_p50']:10.1f} {row['server_p95']:7.1f}"
            f" {row['cpu_mean']:8.1f} {row['db_mean']:7.1f}   {row['baseline_p50']:10.1f} {row['baseline_p95']:7.1f} {cached}\n"
        )
    total_errors = sum(r["errors"] for r in figures.values())
    server_all, cpu_all, db_all = server_all or [nan], cpu_all or [nan], db_all or [nan]
    alone = [row[0] for rows in baseline.values() for row in rows] or [nan]
    out.write(
        f"   all pages: {len(everything)} requests ({len(everything) / seconds:.1f}/s), "
        f"{total_errors} errors, p50 {percentile(everything, 50):.1f} ms, "
        f"p95 {percentile(everything, 95):.1f} ms, p99 {percentile(everything, 99):.1f} ms "
        f"(target: p95 ≤ 150 ms, no errors)\n"
        f"   server's own time: p50 {percentile(server_all, 50):.1f} ms, "
        f"p95 {percentile(server_all, 95):.1f} ms; CPU per request: mean "
        f"{sum(cpu_all) / len(cpu_all):.1f} ms in the web process (aim: ≤ 40 ms), waiting "
        f"for the database: mean {sum(db_all) / len(db_all):.1f} ms\n"
        f"   page cache: {hits_all} of {hits_all + misses_all} requests with a kept body "
        f"served from it ({100 * hits_all / max(hits_all + misses_all, 1):.0f}%; 'cached' "
        f"column; other requests have no kept body)\n"
        f"   one user alone (no queue): mean {sum(alone) / len(alone):.1f} ms per request, "
        f"{len(alone)} requests\n"
    )
    figures["all"] = {
        "requests": len(everything),
        "errors": total_errors,
        "p95": percentile(everything, 95),
        "server_p95": percentile(server_all, 95),
        "cpu_mean": sum(cpu_all) / len(cpu_all),
        "db_mean": sum(db_all) / len(db_all),
        "alone_mean": sum(alone) / len(alone),
        "cache_hits": hits_all,
        "cache_misses": misses_all,
    }
    return figures


def cache_shares(loaded) -> str:
    """The share of each page's requests whose kept body came from the page cache (pages
    without a kept body left out), and of all of them."""
    shares, hits_all, kept_all = [], 0, 0
    for name in sorted(loaded):
        outcomes = [row[6] for row in loaded[name] if len(row) > 6]
        hits = outcomes.count("hit")
        kept = hits + outcomes.count("miss") + outcomes.count("off")
        if kept:
            shares.append(f"{name} {100 * hits / kept:.0f}%")
            hits_all, kept_all = hits_all + hits, kept_all + kept
    if not kept_all:
        return "no page with a kept body"
    return f"{100 * hits_all / kept_all:.0f}% of {kept_all} ({', '.join(shares)})"


def _process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process on this machine has used, or None if gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def serving_processes(*servers) -> dict[str, list[int]]:
    """The workers of the gunicorn servers and the PostgreSQL backends that serve them (on
    this machine)."""
    from django.db import connection

    processes = {
        "web": [pid for server in servers for pid in _children(server.pid)],
        "database": [],
    }
    if connection.vendor == "postgresql" and os.path.exists("/proc"):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            processes["database"] = [pid for (pid,) in cursor.fetchall()]
        connection.close()
    return processes


def cpu_snapshot(*servers, cache_pid: int | None = None) -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by each serving process (and the shared cache's, when its pid
    is given): measured by the kernel per process, so other work on a busy machine does not
    count (it only makes each request wait)."""
    snapshot = {}
    processes = serving_processes(*servers)
    if cache_pid is not None:
        processes["cache"] = [cache_pid]
    for kind, pids in processes.items():
        for pid in pids:
            used = _process_cpu(pid)
            if used is not None:
                snapshot[pid] = (kind, used)
    return snapshot


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    used = {"web": 0.0, "database": 0.0}
    for pid, (kind, seconds) in after.items():
        used[kind] = used.get(kind, 0.0) + seconds - before.get(pid, (kind, 0.0))[1]
    return used


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def simulated_users(config: dict, logins, production: bool) -> list:
    """(session cookie, page mix) for each simulated user, spread over the city's log-ins."""
    users = []
    for n in range(config["users"]):
        user, collective, role = logins[n % len(logins)]
        cookie = session_cookie(user, BENCH_SECRET_KEY if production else None)
        users.append((cookie, page_mix(collective, role)))
    return users


def cpu_per_request(label: str, used: dict, results: dict, out) -> float:
    """CPU of the serving processes (web + database, and the shared cache when there is one)
    per request, printed; in ms."""
    requests = sum(len(rows) for rows in results.values()) or 1
    web, database = used["web"] * 1000 / requests, used["database"] * 1000 / requests
    cache = used.get("cache", 0.0) * 1000 / requests
    beside = f" + Redis {cache:.1f} ms" if "cache" in used else ""
    out.write(
        f"   CPU per request, {label}: {web + database + cache:.1f} ms "
        f"(gunicorn workers {web:.1f} ms + PostgreSQL backends {database:.1f} ms{beside}; "
        f"from /proc, {requests} requests)\n"
    )
    return web + database + cache


def shared_cache(size: str, processes, out) -> tuple[str | None, int | None]:
    """(the Redis address without its database number, redis-server's pid) the servers share
    as their cache, or (None, None): at the small size (the suite's), when the caller set
    ``KRING_CACHE_URL`` (then that one is used as it is) or when redis-server is missing."""
    if size != "full" or os.environ.get("KRING_CACHE_URL"):
        return None, None
    if cluster.program("redis-server") is None:
        out.write("   cache: each worker's own memory (redis-server is not installed)\n")
        return None, None
    port = free_port()
    redis = cluster.start_redis(processes, port)

    def answers() -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")

    cluster.wait_until(answers, "redis answering", processes)
    out.write(
        f"   cache: Redis (its own redis-server on 127.0.0.1:{port}), shared by the workers\n"
    )
    return f"redis://127.0.0.1:{port}/", redis.pid


def baseline_code():
    """Another version of Kring to serve the same mix in the same run, for a before/after of
    the CPU per request on one machine at one moment: KRING_BENCH_LOAD_BASELINE_CODE names the
    folder of its code (e.g. an export of main: ``git archive main | tar -x -C <folder>``).
    It must read the same database (no migrations of its own)."""
    folder = os.environ.get("KRING_BENCH_LOAD_BASELINE_CODE", "")
    if not folder:
        return None
    root = Path(folder).resolve()
    if not (root / "kring" / "wsgi.py").exists() or root == ROOT:
        raise RuntimeError(f"KRING_BENCH_LOAD_BASELINE_CODE is not another Kring: {folder}")
    return root


@benchmark("load")
def run(*, size: str, out) -> dict:
    config = SIZES[size]
    logins = build_city(config, out)
    # The database connection of this process is not needed while the server works.
    from django.db import connections

    connections.close_all()
    other_root = baseline_code()
    servers = {}
    processes = cluster.Processes(Path(tempfile.mkdtemp(prefix="kring-load-")))
    try:
        cache_url, cache_pid = shared_cache(size, processes, out)
        # Both versions are served at once and take turns, phase by phase, so that a change in
        # the machine's load during the run weighs on both alike. Each has a Redis database of
        # its own: the same keys mean different things in two versions.
        if other_root is not None:
            servers["baseline code"] = start_server(
                production=size == "full",
                out=out,
                root=other_root,
                cache_url=cache_url and cache_url + "2",
            )
        servers["this code"] = start_server(
            production=size == "full", out=out, cache_url=cache_url and cache_url + "1"
        )
        production = servers["this code"][2]
        users = simulated_users(config, logins, production)
        connections.close_all()
        for _server, port, _production in servers.values():
            run_users(port, users[: WORKERS * 2], 3, None)  # warm every worker; not counted
        measured = {label: {} for label in servers}
        for label, (server, port, _production) in servers.items():
            before = cpu_snapshot(server, cache_pid=cache_pid)
            measured[label]["baseline"] = run_users(
                port, users[:1], config["baseline_seconds"], None
            )
            measured[label]["alone_cpu"] = cpu_used(
                before, cpu_snapshot(server, cache_pid=cache_pid)
            )
        out.write(
            f"   {config['users']} users for {config['seconds']} s, pauses of "
            f"{config['pause'][0]}–{config['pause'][1]} s between pages, gunicorn with "
            f"{WORKERS} workers; baseline: 1 user without pauses for "
            f"{config['baseline_seconds']} s; times in ms\n"
        )
        for label, (server, port, _production) in servers.items():
            out.write(f"   load average before ({label}): {load_average()}\n")
            before = cpu_snapshot(server, cache_pid=cache_pid)
            measured[label]["loaded"] = run_users(port, users, config["seconds"], config["pause"])
            measured[label]["loaded_cpu"] = cpu_used(
                before, cpu_snapshot(server, cache_pid=cache_pid)
            )
            out.write(f"   load average after ({label}):  {load_average()} (1, 5, 15 minutes)\n")
    finally:
        for server, _port, _production in servers.values():
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        processes.stop_all()
    mine = measured["this code"]
    figures = report(mine["baseline"], mine["loaded"], config["seconds"], out)
    for label, phases in measured.items():
        suffix = "" if label == "this code" else "_baseline_code"
        which = "" if other_root is None else f" ({label})"
        figures["cpu_per_request_alone" + suffix] = cpu_per_request(
            f"one user alone{which}", phases["alone_cpu"], phases["baseline"], out
        )
        figures["cpu_per_request_loaded" + suffix] = cpu_per_request(
            f"{config['users']} users{which}", phases["loaded_cpu"], phases["loaded"], out
        )
    if other_root is not None:
        everything = [
            row[0] for rows in measured["baseline code"]["loaded"].values() for row in rows
        ]
        this, other = (
            figures["cpu_per_request_loaded"],
            figures["cpu_per_request_loaded_baseline_code"],
        )
        out.write(
            f"   per page, worker CPU mean from Server-Timing (ms) and share from the page cache,"
            f" this code / the other version, {config['users']} users:\n"
        )
        other_pages = measured["baseline code"]["loaded"]
        for name in sorted(mine["loaded"]):
            out.write(
                f"      {name:20} {_page_cpu(mine['loaded'][name])}"
                f"   /   {_page_cpu(other_pages.get(name, []))}\n"
            )
        out.write(
            f"   the other version with {config['users']} users: "
            f"{len(everything)} requests, p95 {percentile(everything or [nan], 95):.1f} ms\n"
            f"   the other version's page cache: {cache_shares(measured['baseline code']['loaded'])}\n"
            f"   CPU per request with {config['users']} users, this code against the other "
            f"version: {this:.1f} / {other:.1f} ms = {this / other:.2f} (target: ≤ 12 ms)\n"
        )
    return figures

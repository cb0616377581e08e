"""The load benchmark's city on two app nodes behind a proxy, against one node alone.

Redis (Debian's redis-server, the shared cache), gunicorn app nodes (production settings,
KRING_CACHE_URL pointing at that Redis) and HAProxy in front, each its own process on
127.0.0.1 (bench.cluster, as the multi-node test starts them), serve the city that bench/load.py
builds. Simulated users walk the load benchmark's page mix with pauses, through the proxy.

Baseline in the same run: one node alone behind the same kind of proxy with the **same total
number of gunicorn workers** (full: one node of 4 workers against two nodes of 2), so the ratio
shows what spreading the work over two nodes costs or gains on the same machine, not what more
workers give. Printed per set-up: requests, throughput, errors, p50/p95/p99, and the CPU per
request of the gunicorn workers and PostgreSQL backends (from /proc, as bench/load.py reads
it), with the proxy's and Redis' CPU beside it.

Bounded: requests only to 127.0.0.1, each phase stops after its duration, every request has a
timeout, and every started process is stopped at the end (also when a step fails).
"""

import os
import signal
import tempfile
import time
from pathlib import Path

from bench import cluster, load
from bench.registry import benchmark, percentile

SIZES = {
    # The load benchmark's city of the same size; users, seconds per set-up, pause between
    # pages (s), gunicorn workers in all (one node has them all, two nodes half each).
    "small": {
        "city": load.SIZES["small"],
        "users": 8,
        "seconds": 4,
        "pause": (0.05, 0.2),
        "workers": 2,
    },
    "full": {
        "city": load.SIZES["full"],
        "users": 200,
        "seconds": 60,
        "pause": (1.0, 3.0),
        "workers": load.WORKERS,
    },
}


def _started(processes: cluster.Processes, port: int, what: str) -> None:
    cluster.wait_until(
        lambda: cluster.requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).ok,
        what,
        processes,
        timeout=90,
    )


def measure(
    processes: cluster.Processes,
    label: str,
    nodes: int,
    env: dict,
    redis,
    users: list,
    config: dict,
    out,
) -> dict:
    """Start ``nodes`` gunicorn nodes (the workers split between them) and a proxy in front,
    run the users through the proxy, stop the nodes and the proxy; the figures."""
    per_node = config["workers"] // nodes
    ports = {f"{label}-{n}": cluster.free_port() for n in range(nodes)}
    servers = [
        cluster.start_node(processes, name, port, env, workers=per_node, access_log=False)
        for name, port in ports.items()
    ]
    proxy_port = cluster.free_port()
    # A saturated node answers its health check late: give it time (as an installation whose
    # nodes run hot would), so the figures show queueing rather than a node taken out.
    proxy = cluster.start_proxy(
        processes,
        proxy_port,
        ports,
        name=f"haproxy-{label}",
        maxconn=config["users"] * 2,
        check="inter 2s fall 10 rise 1",
        check_timeout="30s",
    )
    try:
        for name, port in ports.items():
            _started(processes, port, f"{name} answering /healthz")
        _started(processes, proxy_port, f"the proxy of {label} answering /healthz")
        # Warm every worker of every node (through the proxy's round robin); not counted.
        load.run_users(proxy_port, users[: config["workers"] * 2], 3, None)
        others = {"proxy": proxy.pid, "redis": redis.pid}
        before = load.cpu_snapshot(*servers)
        before_others = {k: load._process_cpu(pid) or 0.0 for k, pid in others.items()}
        average_before = load.load_average()
        started = time.monotonic()
        results = load.run_users(proxy_port, users, config["seconds"], config["pause"])
        elapsed = time.monotonic() - started
        used = load.cpu_used(before, load.cpu_snapshot(*servers))
        used_others = {
            k: (load._process_cpu(pid) or 0.0) - before_others[k] for k, pid in others.items()
        }
        average_after = load.load_average()
    finally:
        for process in (proxy, *servers):
            processes.stop(process)
    rows = [row for page in results.values() for row in page]
    times = [row[0] for row in rows] or [float("nan")]
    errors = sum(1 for row in rows if not row[1])
    kinds: dict = {}
    for row in rows:
        if not row[1]:
            kinds[row[5]] = kinds.get(row[5], 0) + 1
    error_kinds = ", ".join(
        f"{n} × {'no answer' if status == 0 else status}" for status, n in sorted(kinds.items())
    )
    count = len(rows) or 1
    figures = {
        "requests": len(rows),
        "per_second": len(rows) / elapsed,
        "errors": errors,
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "cpu_web": used["web"] * 1000 / count,
        "cpu_database": used["database"] * 1000 / count,
        "cpu_proxy": used_others["proxy"] * 1000 / count,
        "cpu_redis": used_others["redis"] * 1000 / count,
    }
    figures["cpu_per_request"] = figures["cpu_web"] + figures["cpu_database"]
    setup = (
        f"{nodes} node{'s' if nodes > 1 else ''} × {per_node} worker{'s' if per_node > 1 else ''}"
    )
    out.write(
        f"   {setup:22} {figures['requests']:6} requests ({figures['per_second']:5.1f}/s), "
        f"{errors} errors{f' ({error_kinds})' if errors else ''}, p50 {figures['p50']:6.1f} ms, p95 {figures['p95']:7.1f} ms, "
        f"p99 {figures['p99']:7.1f} ms; load average {average_before} → {average_after}\n"
        f"   {'':22} CPU per request {figures['cpu_per_request']:.1f} ms (gunicorn workers "
        f"{figures['cpu_web']:.1f} + PostgreSQL backends {figures['cpu_database']:.1f}; "
        f"beside it HAProxy {figures['cpu_proxy']:.2f}, Redis {figures['cpu_redis']:.2f})\n"
    )
    return figures


def _stopped(signum, frame):
    raise SystemExit(128 + signum)


@benchmark("twonode")
def run(*, size: str, out) -> dict:
    # Told to stop (SIGTERM), the run still stops every process it started on its way out.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        return _run(size, out)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(size: str, out) -> dict:
    config = SIZES[size]
    missing = cluster.needed_programs()
    if missing:
        out.write(f"   skipped: install {', '.join(missing)} (Debian's packages; make test does)\n")
        return {"skipped": missing}
    logins = load.build_city(config["city"], out)
    from django.db import connections

    with tempfile.TemporaryDirectory(prefix="kring-twonode-") as folder:
        processes = cluster.Processes(Path(folder))
        try:
            redis_port = cluster.free_port()
            redis = cluster.start_redis(processes, redis_port)
            env, production = load.server_env(production=size == "full", out=out)
            users = load.simulated_users(config, logins, production)
            connections.close_all()
            out.write(
                f"   {config['users']} users for {config['seconds']} s per set-up, pauses of "
                f"{config['pause'][0]}–{config['pause'][1]} s, through HAProxy; Redis as the "
                f"shared cache; {load.settings_label(production)}; baseline: one node with the "
                f"same {config['workers']} workers in all\n"
            )
            figures = {}
            # Each set-up its own Redis database, so neither starts with the other's cache.
            for label, nodes, database in (("one", 1, 1), ("two", 2, 2)):
                node_env = {**env, "KRING_CACHE_URL": f"redis://127.0.0.1:{redis_port}/{database}"}
                figures[label] = measure(
                    processes, label, nodes, node_env, redis, users, config, out
                )
        except BaseException:
            out.write(processes.logs()[-6000:] + "\n")
            raise
        finally:
            processes.stop_all()
            running = [name for name, p in processes.started if p.poll() is None]
            out.write(
                f"   stopped: {len(processes.started) - len(running)} of "
                f"{len(processes.started)} started processes"
                f"{'; still running: ' + ', '.join(running) if running else ''}\n"
            )
    one, two = figures["one"], figures["two"]
    figures["throughput_ratio"] = two["per_second"] / one["per_second"]
    figures["p95_ratio"] = two["p95"] / one["p95"]
    figures["cpu_ratio"] = two["cpu_per_request"] / one["cpu_per_request"]
    out.write(
        f"   ratio two nodes / one node: throughput {figures['throughput_ratio']:.2f}×, "
        f"p95 {figures['p95_ratio']:.2f}×, CPU per request {figures['cpu_ratio']:.2f}× "
        f"(same {config['workers']} workers in all on {os.cpu_count()} cores)\n"
    )
    return figures

"""Starting and stopping a small Kring installation of several machines on 127.0.0.1: Redis as
the shared cache, gunicorn app nodes and HAProxy in front. Each part runs as its own process,
as on separate machines. Used by the two-node load benchmark (bench/twonode.py) and the
multi-node test (tests/multinode)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Debian puts HAProxy in /usr/sbin, which is not on every user's PATH.
SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/usr/local/sbin"])


def program(name: str) -> str | None:
    return shutil.which(name, path=SEARCH_PATH)


def needed_programs() -> list[str]:
    return [p for p in ("redis-server", "haproxy") if program(p) is None]


class Processes:
    """Started processes, stopped in reverse order; their output goes to files in ``folder``
    and is shown when a step fails."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process))
        return process

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(f"--- {name}\n{self.log(name)[-3000:]}" for name, _p in self.started)

    def stop(self, process: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 15) -> None:
        if process.poll() is None:
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            self.stop(process)


def wait_until(check, what: str, processes: Processes, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {timeout} s\n{processes.logs()}")


def start_redis(processes: Processes, port: int, name: str = "redis") -> subprocess.Popen:
    """Debian's redis-server on 127.0.0.1 without persistence: everything in the cache can be
    made again from the database."""
    return processes.start(
        name,
        [
            program("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            # As docs/deploy.md advises: bounded, the least recently used keys go first.
            "--maxmemory",
            "256mb",
            "--maxmemory-policy",
            "allkeys-lru",
        ],
    )


def start_node(
    processes: Processes,
    name: str,
    port: int,
    env: dict,
    *,
    workers: int = 2,
    access_log: bool = True,
) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kring.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    command += ["--access-logfile", "-"] if access_log else ["--log-level", "warning"]
    return processes.start(name, command, env)


HAPROXY = """\
global
    maxconn {maxconn}
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout check {check_timeout}
frontend kring
    bind 127.0.0.1:{proxy}
    default_backend nodes
backend nodes
    balance roundrobin
    option redispatch
    retries 3
    retry-on all-retryable-errors
    option httpchk
    http-check send meth GET uri /healthz hdr Host 127.0.0.1
    http-check expect status 200
{servers}
"""


def start_proxy(
    processes: Processes,
    proxy: int,
    nodes: dict[str, int],
    *,
    name: str = "haproxy",
    maxconn: int = 200,
    check: str = "inter 1s",
    check_timeout: str = "5s",
) -> subprocess.Popen:
    """HAProxy on ``proxy`` in front of ``nodes``; ``check`` says how often a node's /healthz
    is asked and after how many failures it is taken out (HAProxy's server options)."""
    servers = "\n".join(
        f"    server {node} 127.0.0.1:{port} check {check}" for node, port in nodes.items()
    )
    config = processes.folder / f"{name}.cfg"
    config.write_text(
        HAPROXY.format(
            proxy=proxy,
            servers=servers,
            maxconn=maxconn,
            check_timeout=check_timeout,
        )
    )
    return processes.start(name, [program("haproxy"), "-db", "-f", str(config)])

"""Starting and stopping a small Kring installation of several machines on 127.0.0.1: Redis as
the shared cache, gunicorn app nodes, HAProxy in front, and background workers, all against the
test database. Each part runs as its own process, as on separate machines."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.stale_forms import page_forms

ROOT = Path(__file__).resolve().parents[2]


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


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


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


def start_node(processes: Processes, name: str, port: int, env: dict) -> None:
    processes.start(
        name,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "kring.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ],
        env,
    )


HAPROXY = """\
global
    maxconn 200
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
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


def start_proxy(processes: Processes, proxy: int, nodes: dict[str, int]) -> None:
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{port} check inter 1s" for name, port in nodes.items()
    )
    config = processes.folder / "haproxy.cfg"
    config.write_text(HAPROXY.format(proxy=proxy, servers=servers))
    processes.start("haproxy", [program("haproxy"), "-db", "-f", str(config)])


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

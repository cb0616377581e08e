"""CPU of the load mix's pages when their body is NOT in the page cache (a miss: rendered from
the database), in one process, as ``bench/inprocess.py`` measures them: a buurtmaker and a
member of a few collectives of the city `python -m bench --size full load` made, every page
type of the mix (no POST; ``bench/newasset.py`` measures that), each address asked for with the
page cache answering as an empty one, so every request renders its body (and reads the data
version, as a miss does). Prints per page type the mean and median worker CPU and the mean
PostgreSQL backend CPU.

Run from the folder of the code to measure (its ``kring`` is the one imported):

    KRING_BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/misses.py
    (cd <other version> && KRING_BENCH_DATABASE_URL=postgres://… <this>/.venv/bin/python <this>/bench/misses.py)

KRING_BENCH_COLLECTIVES (2), KRING_BENCH_ROUNDS (3), KRING_BENCH_PAGES (page types to measure,
separated by commas; all of the mix by default). KRING_BENCH_PROFILE=<file> writes a cProfile
(CPU time) of the measured rounds. KRING_BENCH_HTML=<folder> writes every answer of the first
(which then asks for every address of the mix), in Dutch and in English, to that folder (one file per role, language and address, CSRF
tokens replaced by a fixed text), so two versions' pages can be compared with ``diff -r``.
"""

import cProfile
import gc
import importlib.util
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, os.getcwd())

# The measuring code from this script's own folder (the code measured comes from the current
# folder, which may be an older version without it).
_spec = importlib.util.spec_from_file_location(
    "inprocess", Path(__file__).with_name("inprocess.py")
)
inprocess = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(inprocess)


class _EmptyCache:
    """Answers as a cache that holds nothing and keeps nothing."""

    def get(self, key, default=None):
        return default

    def get_many(self, keys):
        return {}

    def set(self, *args, **kwargs):
        return None


def main() -> None:
    app, logins = inprocess.start_city()

    import kring.core.pagecache
    from bench.load import BENCH_SECRET_KEY, page_mix, session_cookie

    kring.core.pagecache.cache = _EmptyCache()  # every kept body is a miss

    collectives = int(os.environ.get("KRING_BENCH_COLLECTIVES", "2"))
    wanted = {p for p in os.environ.get("KRING_BENCH_PAGES", "").split(",") if p}
    users = [
        (role, session_cookie(user, BENCH_SECRET_KEY), page_mix(collective, role))
        for user, collective, role in logins[: 2 * collectives]
    ]
    html_folder = os.environ.get("KRING_BENCH_HTML")

    def save(role, language, path, content: bytes) -> None:
        content = re.sub(rb'(name="csrfmiddlewaretoken" value=")[^"]+', rb"\1TOKEN", content)
        content = re.sub(rb'("csrfToken"|data-csrf[a-z-]*=)"[^"]+"', rb'\1"TOKEN"', content)
        name = f"{role}-{language}-{quote(path, safe='')}.html"
        Path(html_folder, name).write_bytes(content)

    rng = random.Random(1)

    def one_round(record, languages=("nl",)) -> None:
        for role, cookie, mix in users:
            for _weight, name, paths in mix:
                if name.startswith("POST") or (wanted and name not in wanted):
                    continue
                every = html_folder and record is None
                for path in paths if every else rng.sample(paths, min(len(paths), 4)):
                    for language in languages:
                        cookies = f"sessionid={cookie}; django_language={language}"
                        backend, worker = inprocess.backend_cpu(), time.process_time()
                        status, _headers, content = inprocess.wsgi_call(app, "GET", path, cookies)
                        worker, backend = (
                            time.process_time() - worker,
                            inprocess.backend_cpu() - backend,
                        )
                        if not status.startswith("200"):
                            sys.exit(f"{path}: {status}")
                        if record is not None:
                            record[name].append((worker * 1000, backend * 1000))
                        if html_folder and record is None:
                            save(role, language, path, content)

    if html_folder:
        Path(html_folder).mkdir(parents=True, exist_ok=True)
    one_round(None, ("nl", "en") if html_folder else ("nl",))  # warm (and the pages written)
    measured = defaultdict(list)
    profile_file = os.environ.get("KRING_BENCH_PROFILE")
    profile = cProfile.Profile(time.process_time) if profile_file else None
    gc.collect()
    gc.disable()  # the collector's turns fall on whichever request is running
    if profile:
        profile.enable()
    for _round in range(int(os.environ.get("KRING_BENCH_ROUNDS", "3"))):
        one_round(measured)
    if profile:
        profile.disable()
        profile.dump_stats(profile_file)
    gc.enable()
    print(
        f"CPU ms per request, every body rendered ({os.getcwd()}),"
        f" load average {os.getloadavg()[0]:.2f}"
    )
    for name, rows in sorted(measured.items()):
        workers = [r[0] for r in rows]
        backend = sum(r[1] for r in rows) / len(rows)
        print(
            f"   {name:20} {len(rows):4} requests   worker mean {statistics.mean(workers):6.1f}"
            f"  median {statistics.median(workers):6.1f}   backend {backend:5.1f}"
        )


if __name__ == "__main__":
    main()

"""Importing 1,000,000 gift rows from CSV, through the same engine as the web import (upload
service, validation in chunks, bulk writes with history, tags, search index and audit log, all
in one transaction), without HTTP. Targets: at most 60 s and 300 MB peak memory on SQLite.

Memory is the process's peak resident set size (``resource.getrusage(...).ru_maxrss``), so it
includes Python, Django and the database driver; the figure before the import is printed too.
Baseline in the same run: the naive path, a ModelForm (``AssetForm``) and ``create_asset`` per
row, as a person entering the gifts one by one would run it, on a sample, extrapolated linearly
to the full number of rows."""

import csv
import random
import resource
import tempfile
import time
from pathlib import Path

from bench import registry
from bench.registry import benchmark

SIZES = {
    "small": {"rows": 3_000, "residents": 100, "sample": 200},
    "full": {"rows": 1_000_000, "residents": 10_000, "sample": 10_000},
}
KINDS = ["hoofd", "handen", "hart"]
WORDS = [
    "fietsen repareren",
    "koken voor de buurt",
    "spreekt Tigrinya",
    "tuinieren",
    "ouderen bezoeken",
    "huiswerkbegeleiding",
    "naaien en verstellen",
    "computerles geven",
    "muziek maken",
    "klussen in huis",
    "boekhouding",
    "Arabisch tolken",
]
TAGS = ["techniek", "eten", "taal", "groen", "zorg", "leren", "", ""]
HEADER = [
    "Naam bewoner",
    "E-mail bewoner",
    "Hoofd, handen of hart",
    "Gave",
    "Toelichting",
    "Labels",
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_world(residents: int):
    from kring.communities.models import Collective, Membership, Role
    from kring.core.models import User
    from kring.geo.models import District, Municipality, Neighbourhood
    from kring.people.models import Consent, Resident

    municipality = Municipality.objects.create(code="GM9901", name="Benchstad", year=2025)
    district = District.objects.create(
        municipality=municipality, code="WK990101", name="Wijk", year=2025
    )
    buurt = Neighbourhood.objects.create(
        district=district, code="BU99010101", name="Buurt", year=2025
    )
    collective = Collective.objects.create(
        name="Importcollectief", slug="import-bench", municipality=municipality
    )
    collective.working_area.add(buurt)
    user = User.objects.create_user(email="import-bench@example.org", password="x", name="Bench")
    Membership.objects.create(user=user, collective=collective, role=Role.BUILDER)
    Resident.objects.bulk_create(
        [
            Resident(
                collective=collective,
                name=f"Bewoner {i}",
                email=f"bewoner{i}@example.nl",
                neighbourhood=buurt,
            )
            for i in range(residents)
        ],
        batch_size=2000,
    )
    from django.utils import timezone

    now = timezone.now()
    Consent.objects.bulk_create(
        [
            Consent(resident_id=pk, purpose="inventaris", given_at=now, method="papier")
            for pk in Resident.objects.filter(collective=collective).values_list("pk", flat=True)
        ],
        batch_size=2000,
    )
    return collective, user


def write_csv(path: Path, rows: int, residents: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for i in range(rows):
            r = rng.randrange(residents)
            writer.writerow(
                [
                    f"Bewoner {r}",
                    f"bewoner{r}@example.nl",
                    KINDS[i % 3],
                    f"{rng.choice(WORDS)} {i % 97}",
                    "",
                    rng.choice(TAGS),
                ]
            )


def naive(collective, user, path: Path, sample: int) -> float:
    """Seconds for ``sample`` rows: a ModelForm and the asset service per row."""
    from kring.assets.forms import AssetForm
    from kring.assets.services import create_asset
    from kring.communities.access import collective_access
    from kring.people.models import Resident

    access = collective_access(user, collective.slug)
    by_email = dict(Resident.objects.filter(collective=collective).values_list("email", "pk"))
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for count, row in enumerate(reader):
            if count >= sample:
                break
            form = AssetForm(
                data={
                    "resident": by_email[row[1]],
                    "gift_kind": row[2],
                    "title": row[3],
                    "description": row[4],
                    "availability": "nu",
                    "neighbourhood": "",
                    "visibility": "buurtmakers",
                    "source": "import",
                    "tags": row[5],
                },
                access=access,
                category="gift",
            )
            if not form.is_valid():
                raise AssertionError(form.errors)
            create_asset(
                access=access, asset=form.save(commit=False), tags=form.cleaned_data["tags"]
            )
    return time.perf_counter() - started


@benchmark("imports")
def run(*, size: str, out) -> dict:
    from django.conf import settings
    from django.core.files import File

    from kring.assets.models import Asset
    from kring.communities.access import collective_access
    from kring.imports import engine, services
    from kring.imports.models import ImportJob, ImportStatus

    config = SIZES[size]
    rows = config["rows"]
    collective, user = make_world(config["residents"])
    access = collective_access(user, collective.slug)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gaven.csv"
        started = time.perf_counter()
        write_csv(path, rows, config["residents"])
        print(
            f"   file: {rows:,} gift rows of {config['residents']:,} residents, "
            f"{path.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - started:.1f} s",
            file=out,
        )
        before_mb = peak_mb()
        started = time.perf_counter()
        with path.open("rb") as handle:
            job = services.upload(access=access, kind="gaven", uploaded=File(handle, "gaven.csv"))
        upload_s = time.perf_counter() - started
        services.set_mapping(access=access, job=job, mapping=job.mapping)

        # Time spent keeping the search index in step, measured around the engine's calls.
        index_time = [0.0]
        real_index = engine.index_new_assets

        def timed_index(*args, **kwargs):
            t = time.perf_counter()
            result = real_index(*args, **kwargs)
            index_time[0] += time.perf_counter() - t
            return result

        engine.index_new_assets = timed_index
        # As in production: no SQL kept for the debug toolbar.
        debug, settings.DEBUG = settings.DEBUG, False
        try:
            started, cpu_started = time.perf_counter(), time.process_time()
            services.run_job(job_id=job.pk, user=user)
            import_s = time.perf_counter() - started
            # On a shared machine the wall time grows with the load; the process's own CPU
            # time much less (the database works in this process too).
            import_cpu_s = time.process_time() - cpu_started
        finally:
            engine.index_new_assets = real_index
            settings.DEBUG = debug
        peak = peak_mb()
        job = ImportJob.objects.get(pk=job.pk)
        assert job.status == ImportStatus.DONE, (job.status, job.errors[:3])
        stored = Asset.objects.filter(collective=collective).count()
        assert stored == rows, stored

        sample = config["sample"]
        naive_s = None if registry.SKIP_BASELINE else naive(collective, user, path, sample)
    total = upload_s + import_s
    figures = {
        "rows": rows,
        "upload_s": upload_s,
        "import_s": import_s,
        "import_cpu_s": import_cpu_s,
        "index_s": index_time[0],
        "rows_per_s": rows / total,
        "peak_mb": peak,
        "before_mb": before_mb,
    }
    print(
        f"   upload (encoding, header, row count, copy): {upload_s:7.1f} s\n"
        f"   import (validate, write, history, tags, index, audit): {import_s:7.1f} s"
        f"  of which search index {index_time[0]:.1f} s; CPU time {import_cpu_s:.1f} s\n"
        f"   total {total:.1f} s = {figures['rows_per_s']:,.0f} rows/s (target: 1,000,000 rows "
        f"in at most 60 s)\n"
        f"   peak memory (ru_maxrss, whole process): {peak:.0f} MB; before the upload "
        f"{before_mb:.0f} MB (target at most 300 MB)",
        file=out,
    )
    if naive_s is None:
        print("   naive baseline skipped (--skip-baseline)", file=out)
        return figures
    naive_full = naive_s / sample * rows
    figures.update(
        naive_rows_per_s=sample / naive_s, naive_full_s=naive_full, ratio=naive_full / total
    )
    print(
        f"   naive (AssetForm + create_asset per row) on {sample:,} rows: {naive_s:.1f} s = "
        f"{figures['naive_rows_per_s']:,.0f} rows/s; for {rows:,} rows about {naive_full:,.0f} s\n"
        f"   ratio: the import engine is {figures['ratio']:.1f}× faster than the naive path",
        file=out,
    )
    return figures

"""Moving a collective: the archive of one collective written and read back (kring.exports).

A collective of N residents, each with two consents and a gift, N/2 other assets (with their
history), N/10 initiatives with a need and an activity, and N connections, beside a second
collective of the same size that must not be read. Measured: export_collective and
import_collective (under a new short name, search index rebuilt), each once.

Baseline, in the same run: kring_backup's write_backup of the whole database (both
collectives), Django's own serialisation of every table. Printed: seconds and rows per
second, and the ratio archive export / backup (the archive reads one collective of two, so a
ratio well under 1 shows it only reads its own rows)."""

import tempfile
import time
from datetime import date
from pathlib import Path

from bench.registry import benchmark

SIZES = {"small": 200, "full": 10_000}


def populate(n: int, slug: str, municipality, neighbourhood):
    from django.utils import timezone

    from kring.assets.models import Asset
    from kring.communities.models import Collective
    from kring.initiatives.models import Activity, Connection, Initiative, Need
    from kring.people.models import Consent, Resident

    collective = Collective.objects.create(
        name=f"Collectief {slug}",
        slug=slug,
        kind="wijkcentrum",
        legal_form="stichting",
        municipality=municipality,
    )
    collective.working_area.add(neighbourhood)
    residents = Resident.objects.bulk_create(
        Resident(collective=collective, name=f"Bewoner {i}", email=f"b{i}@{slug}.example.nl")
        for i in range(n)
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        Consent(resident=r, purpose=purpose, given_at=now, method="digitaal")
        for r in residents
        for purpose in ("inventaris", "leden")
    )
    assets = []
    for i, r in enumerate(residents):
        # Saved one by one, so each has its historical row, as in real use.
        assets.append(
            Asset.objects.create(
                collective=collective,
                category="gift",
                resident=r,
                gift_kind="handen",
                title=f"Gave {i}",
            )
        )
    for i in range(n // 2):
        assets.append(
            Asset.objects.create(
                collective=collective,
                category="place",
                title=f"Plek {i}",
                neighbourhood=neighbourhood,
                latitude=51.9,
                longitude=4.4,
            )
        )
    places = [a for a in assets if a.category == "place"]
    for i in range(n // 10):
        initiative = Initiative.objects.create(
            collective=collective, title=f"Plan {i}", status="loopt"
        )
        initiative.initiators.add(residents[i])
        Need.objects.create(initiative=initiative, text=f"Nodig {i}", question="zelf")
        Activity.objects.create(
            collective=collective,
            initiative=initiative,
            title="Samen",
            date=date(2026, 1, 1),
            start_time="10:00",
            end_time="11:00",
            place=places[i % len(places)],
        )
    Connection.objects.bulk_create(
        Connection(
            collective=collective,
            resident=residents[i],
            other_resident=residents[(i + 1) % n],
            kind="voorgesteld",
            happened_on=date(2026, 1, 1),
        )
        for i in range(n)
    )
    return collective


@benchmark("collective_archive")
def run(size: str = "full", out=None) -> dict:
    from kring.exports import archive
    from kring.geo.models import District, Municipality, Neighbourhood
    from kring.privacy.backup import write_backup

    n = SIZES[size]
    municipality = Municipality.objects.create(code="GM9996", name="Verhuisstad", year=2025)
    district = District.objects.create(
        code="WK999601", name="Wijk", year=2025, municipality=municipality
    )
    neighbourhood = Neighbourhood.objects.create(
        code="BU99960101", name="Buurt", year=2025, district=district
    )
    collective = populate(n, "verhuizen", municipality, neighbourhood)
    populate(n, "blijven", municipality, neighbourhood)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        write_backup(Path(tmp) / "backup.tar.gz")
        backup_s = time.perf_counter() - started

        started = time.perf_counter()
        manifest = archive.export_collective(collective, Path(tmp) / "c.zip")
        export_s = time.perf_counter() - started
        rows = sum(manifest["counts"].values())

        started = time.perf_counter()
        summary = archive.import_collective(Path(tmp) / "c.zip", slug="verhuisd")
        import_s = time.perf_counter() - started
        size_mb = (Path(tmp) / "c.zip").stat().st_size / 1e6
    imported = sum(summary.counts.values())
    print(
        f"   {n} residents: {rows} rows, archive {size_mb:.1f} MB\n"
        f"   baseline kring_backup (whole database) {backup_s:6.2f} s\n"
        f"   export_collective                      {export_s:6.2f} s  "
        f"({rows / export_s:,.0f} rows/s)  ratio {export_s / backup_s:.2f} of the backup\n"
        f"   import_collective                      {import_s:6.2f} s  "
        f"({imported / import_s:,.0f} rows/s)",
        file=out,
    )
    return {
        "rows": rows,
        "imported": imported,
        "export_s": export_s,
        "import_s": import_s,
        "backup_s": backup_s,
    }

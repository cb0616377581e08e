"""A restore checks every derived table against the rows it is made from and makes again what
does not match: a backup whose map cells, search index or kept counts are wrong or missing
comes back right, and the restore says per table, in Dutch, what it found and did."""

import io
import json
import shutil
import tarfile

import pytest
from django.core.management import CommandError, call_command

from kring.assets.models import CategoryCount
from kring.communities.models import Membership
from kring.core import derived
from kring.core.models import User
from kring.impact.models import FigureStore
from kring.maps.models import ClusterCell
from kring.matching.models import SearchDocument

from .. import factories
from .test_backup import table_rows

DERIVED = ("maps_clustercell", "matching_searchdocument")


def cells(tables) -> dict[tuple, tuple]:
    """Map cells by their key (the row's own number aside): (n, sums). Counted again from
    scratch, the sums of coordinates may differ from step-by-step sums in the last bits."""
    return {row[1:7]: row[7:] for row in tables["maps_clustercell"]}


def rewrite_archive(source, target, change) -> None:
    """Copy a backup archive with its data.json changed by ``change(objects) -> objects``."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read() if member.isfile() else None
            if member.name == "data.json":
                data = json.dumps(change(json.loads(data))).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data) if data is not None else None)


def spoil(objects: list[dict]) -> list[dict]:
    """What a damaged installation could have saved: cells and documents missing, wrong
    figures, a stray document, a wrong kept count."""
    cells = [o for o in objects if o["model"] == "maps.clustercell"]
    documents = [o for o in objects if o["model"] == "matching.searchdocument"]
    missing = {id(o) for o in cells[:5] + documents[:3]}
    cells[10]["fields"]["n"] += 3
    cells[11]["fields"]["sum_lat"] += 0.5
    documents[5]["fields"]["keys"] = "c1xverkeerd"
    documents[6]["fields"]["district_id"] = None
    stray = json.loads(json.dumps(documents[7]))
    stray["pk"] = 10_000_000
    objects.append(stray)
    counts = [o for o in objects if o["model"] == "assets.categorycount"]
    for count in counts:
        count["fields"]["counts"] = {"gift": 9999}
    kept = [
        o for o in objects if o["model"] == "impact.figurestore" and o["fields"]["kind"] == "counts"
    ]
    kept[0]["fields"]["data"] = {"residents": [[None, 1, 12345]]}
    return [o for o in objects if id(o) not in missing]


@pytest.mark.django_db(transaction=True)
def test_restore_makes_wrong_and_missing_derived_rows_again(tmp_path, settings, client):
    from kring.demo.builder import load_demo

    load_demo(size="small")
    # The assets' index page keeps its counts per category once a member has seen it (the
    # overview counts when it renders, under the page cache's versions).
    for membership in Membership.objects.select_related("user", "collective").order_by("pk"):
        client.force_login(membership.user)
        assert client.get(f"/c/{membership.collective.slug}/").status_code == 200
        assert client.get(f"/c/{membership.collective.slug}/assets/").status_code == 200
    assert CategoryCount.objects.exists()
    assert FigureStore.objects.filter(kind="counts").exists()
    assert all(outcome.ok for outcome in derived.check_all(repair=False))
    before = table_rows()
    good = tmp_path / "goed.tar.gz"
    call_command("kring_backup", str(good))
    bad = tmp_path / "beschadigd.tar.gz"
    rewrite_archive(good, bad, spoil)
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

    # The dry run finds the same and changes nothing.
    out = io.StringIO()
    call_command("kring_restore", str(bad), "--dry-run", stdout=out)
    report = out.getvalue()
    assert not User.objects.exists()
    assert "Kaart (clustervakken)" in report and "klopten niet of ontbraken" in report
    out = io.StringIO()
    call_command("kring_restore", str(bad), stdout=out)
    report = out.getvalue()

    lines = {line.split(":")[0]: line for line in report.splitlines()}
    assert "Opnieuw geteld voor 1 collectief" in lines["Kaart (clustervakken)"]
    assert "Opnieuw opgebouwd" in lines["Zoekindex"]
    assert "Weggegooid" in lines["Tellingen per soort bron"]
    assert "Weggegooid" in lines["Cijfers voor de gemeente (bewaarde tellingen)"]
    # Everything matches now, and the rebuilt tables hold what the source rows make.
    assert all(outcome.ok for outcome in derived.check_all(repair=False))
    after = table_rows()
    assert after["matching_searchdocument"] == before["matching_searchdocument"]
    restored, lived = cells(after), cells(before)
    assert restored.keys() == lived.keys()
    assert all(restored[key] == pytest.approx(lived[key]) for key in lived)
    assert not CategoryCount.objects.filter(counts={"gift": 9999}).exists()
    assert not FigureStore.objects.filter(data={"residents": [[None, 1, 12345]]}).exists()
    # The other tables came back as they were.
    for table, rows in before.items():
        if table not in (*DERIVED, "assets_categorycount", "impact_figurestore"):
            assert after[table] == rows, table
    assert SearchDocument.objects.filter(pk=10_000_000).count() == 0
    assert ClusterCell.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_clean_restore_says_every_derived_table_is_right(filled_small, tmp_path):
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    out = io.StringIO()
    call_command("kring_restore", str(archive), stdout=out)
    report = out.getvalue()
    for table in ("Kaart (clustervakken)", "Zoekindex", "Tellingen per soort bron"):
        assert f"{table}: " in report and "alles klopt" in report.split(f"{table}: ")[1]


@pytest.fixture
def filled_small(collective, neighbourhood):
    for n in range(3):
        factories.AssetFactory(
            collective=collective,
            category="place",
            title=f"Buurthuis {n}",
            neighbourhood=neighbourhood,
            latitude=51.91 + n / 100,
            longitude=4.46,
        )
    from kring.matching.services import rebuild_search_index

    rebuild_search_index()
    return collective


@pytest.mark.django_db
def test_restore_refuses_a_database_with_anything_but_reference_data(tmp_path):
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    # Only a gemeente, as after importing the CBS regions on a new server: still refused, in
    # Dutch, naming what is there.
    factories.MunicipalityFactory(code="GM0363", name="Amsterdam")
    with pytest.raises(CommandError, match=r"De database is niet leeg.*gemeenten"):
        call_command("kring_restore", str(archive))

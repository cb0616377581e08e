"""A backup restored into an empty database gives back every table and every uploaded file."""

import io
import json
import shutil
import tarfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from kring.communities import services as community_services
from kring.core.models import User
from kring.initiatives.models import Pledge, PublicTask
from kring.matching.models import SynonymGroup
from kring.matching.services import rebuild_search_index
from kring.people.services import set_consents
from kring.privacy import audit
from kring.privacy.backup import EXCLUDED, table_digests

from .. import factories

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def table_rows() -> dict[str, list[tuple]]:
    """Every backed-up table (models and their many-to-many tables), read raw, in key order."""
    excluded = {label.lower() for label in EXCLUDED}
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in excluded or not model._meta.managed:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        columns = [f.column for f in model._meta.concrete_fields]
        if model._meta.auto_created:
            # A many-to-many row's own number means nothing; its two ends are the data.
            columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {names} FROM {table} ORDER BY {names}")
            tables[model._meta.db_table] = [tuple(row) for row in cursor.fetchall()]
    return tables


def media_files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def filled(collective, alice, bob, mia, neighbourhood, access_for, settings):
    access = access_for(alice, collective)
    resident = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    set_consents(
        access=access, resident=resident, purposes={"inventaris", "leden"}, method="papier"
    )
    gift = factories.GiftFactory(collective=collective, resident=resident)
    gift.tags.create(collective=collective, name="fietsen")
    story = factories.AssetFactory(collective=collective, category="story", title="Het oude veer")
    story.image.save("veer.png", ContentFile(PNG))
    community_services.invite_member(access=access, email="nieuw@example.org", role="lid")
    audit.record(actor=bob, collective=collective, action=audit.Action.VIEW, target=resident)
    # A pledge from an organisation: its giver is an asset, restored before it.
    school = factories.AssetFactory(collective=collective, category="institution", title="School")
    initiative = factories.InitiativeFactory(collective=collective)
    Pledge.objects.create(
        initiative=initiative, giver=school, kind="geld", amount=100, pledged_on="2026-11-02"
    )
    # Factories skip the services that index assets; an installation in use has its index
    # (the restore would make the missing documents, and rightly so).
    rebuild_search_index()
    return resident


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_an_empty_database_is_the_same(filled, tmp_path, settings):
    before = table_rows()
    digests_before = table_digests()
    media_before = media_files(settings.MEDIA_ROOT)
    assert before["assets_asset"] and before["privacy_auditentry"] and media_before
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "data.json"} <= set(tar.getnames())

    # An empty database (as after `migrate` on a new server: only the reference data that
    # migrations put in) and no uploaded files.
    call_command("flush", interactive=False, verbosity=0)
    PublicTask.objects.create(name="uit een migratie")
    SynonymGroup.objects.create(terms="fiets, rijwiel")
    shutil.rmtree(settings.MEDIA_ROOT)

    call_command("kring_restore", str(archive), "--dry-run")
    assert not User.objects.exists()  # a dry run changes nothing
    call_command("kring_restore", str(archive))

    assert table_rows() == before
    # The drill's digests (kring_table_digests) agree, and see a changed row.
    assert table_digests() == digests_before
    assert media_files(settings.MEDIA_ROOT) == media_before
    assert audit.verify_chain() == []
    Pledge.objects.update(amount=101)
    changed = {t for t, d in table_digests().items() if d != digests_before[t]}
    assert changed == {"initiatives_pledge"}
    # New rows after the restore get fresh numbers (sequences were moved on).
    factories.AssetFactory(collective_id=filled.collective_id)


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(filled, tmp_path):
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("kring_restore", str(archive))
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("kring_backup", str(archive))


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_rows_do_not_fit_together_fails_the_dry_run_too(filled, tmp_path):
    """Foreign keys are checked at the end of the load, inside the restore's transaction: a
    row that points at a row the archive does not hold stops the dry run as it stops the real
    run (a dry run never reaches the commit, where the database would check them)."""
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    with tarfile.open(archive) as tar:
        manifest = tar.extractfile("manifest.json").read()
        rows = json.load(tar.extractfile("data.json"))
    pledge = next(row for row in rows if row["model"] == "initiatives.pledge")
    pledge["fields"]["initiative"] = 999_999
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(broken, "w:gz") as tar:
        for name, data in (("manifest.json", manifest), ("data.json", json.dumps(rows).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)

    for dry_run in (["--dry-run"], []):
        with pytest.raises(CommandError, match="passen niet bij elkaar"):
            call_command("kring_restore", str(broken), *dry_run)
        assert not User.objects.exists()


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    bad = tmp_path / "foto.tar.gz"
    bad.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="geen leesbare backup"):
        call_command("kring_restore", str(bad))


@pytest.mark.django_db
def test_backup_dry_run_writes_nothing(filled, tmp_path, capsys):
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive), "--dry-run")
    assert not archive.exists()
    assert "people.Resident: 1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_lived_demo_survives_a_backup_and_restore(tmp_path, settings):
    """The demo, made through every service (map cells, search index, kept figures, history,
    audit chain): its backup restores into an empty database row for row. Saving restored
    rows wrote the derived tables a second time (map cells: a duplicate key)."""
    from kring.demo.builder import load_demo

    load_demo(size="small")
    # Built twice, as on a server that has run for a while: the numbers of derived rows no
    # longer start at 1, so a derived row made again on restore cannot land on its old one.
    load_demo(size="small")
    before = table_rows()
    assert before["maps_clustercell"] and before["matching_searchdocument"]
    archive = tmp_path / "demo.tar.gz"
    call_command("kring_backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)

    call_command("kring_restore", str(archive), "--dry-run")
    assert not User.objects.exists()
    call_command("kring_restore", str(archive))

    assert table_rows() == before
    assert audit.verify_chain() == []


@pytest.mark.django_db(transaction=True)
def test_every_backup_anchors_the_audit_log_and_restore_checks_it(filled, tmp_path, capsys):
    """The backup holds the chains' heads as its snapshot had them and writes them to the
    anchor file; restoring checks the log against them."""
    import json

    from kring.privacy import anchors
    from kring.privacy.models import AuditEntry

    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    with tarfile.open(archive) as tar:
        anchor = json.load(tar.extractfile("manifest.json"))["audit_anchor"]
    assert anchors.is_genuine(anchor) and anchor["reason"] == "backup"
    assert anchors.last_anchor()[0] == anchor
    heads = {h["collective"]: h["last_hash"] for h in anchor["chains"]}
    assert heads[filled.collective_id] == (
        AuditEntry.objects.filter(collective_id=filled.collective_id).latest("id").hash
    )

    call_command("flush", interactive=False, verbosity=0)
    # The wiped database is what the anchor file now tells apart from an intact log.
    assert [f.kind for f in anchors.verify()] == ["emptied"]
    call_command("kring_restore", str(archive))
    assert "klopt niet" not in capsys.readouterr().err
    assert anchors.verify() == []


@pytest.mark.django_db(transaction=True)
def test_restore_reports_a_tampered_audit_log_in_the_backup(filled, tmp_path, capsys):
    import io
    import json

    from kring.privacy.models import AuditEntry

    newest = AuditEntry.objects.latest("id")
    archive = tmp_path / "kring.tar.gz"
    call_command("kring_backup", str(archive))
    # Someone removes the newest audit entry from the backup's data.
    changed = tmp_path / "changed.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "data.json":
                rows = [
                    row
                    for row in json.loads(content)
                    if not (row["model"] == "privacy.auditentry" and row["pk"] == newest.pk)
                ]
                content = json.dumps(rows).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    call_command("flush", interactive=False, verbosity=0)
    call_command("kring_restore", str(changed))
    err = capsys.readouterr().err
    assert "de nieuwste regels verwijderd" in err and "klopt niet met zijn eigen ijkpunt" in err

"""Moving a collective: export, import under a new short name, and compare every row field by
field (except the numbers) and every file byte for byte."""

import io
import json
import zipfile

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from kring.assets.models import Asset
from kring.communities.models import Collective, Invitation, Membership
from kring.core.models import User
from kring.exports import archive
from kring.exports.archive import restore
from kring.exports.archive.tables import history_of, sha256
from kring.geo.models import Neighbourhood
from kring.initiatives.models import ActivitySeries, Pledge
from kring.matching.models import SearchDocument
from kring.privacy import audit_move
from kring.privacy.audit import verify_chain


def _fields(model):
    return {f.attname: f for f in model._meta.concrete_fields}


def assert_same(old_data, new_data, models_by_label):
    """Rows in the same order, every field equal once old numbers are mapped to new ones."""
    maps: dict = {}
    for label, old_rows in old_data["tables"].items():
        new_rows = new_data["tables"][label]
        assert len(new_rows) == len(old_rows), label
        pk = models_by_label[label]._meta.pk.attname
        maps[label] = {o[pk]: n[pk] for o, n in zip(old_rows, new_rows, strict=True)}
    old_users = {int(k): v["email"] for k, v in old_data["references"]["users"].items()}
    new_users = {int(k): v["email"] for k, v in new_data["references"]["users"].items()}
    compared = 0
    for label, old_rows in old_data["tables"].items():
        model = models_by_label[label]
        fields = _fields(model)
        history = history_of(model)
        for old, new in zip(old_rows, new_data["tables"][label], strict=True):
            for name, value in old.items():
                f = fields.get(name)
                expected = value
                if f is not None and f.primary_key:
                    continue
                if f is not None and f.is_relation and value is not None:
                    target = f.related_model
                    if target is Collective:
                        expected = new_data["collective"]["id"]
                    elif (label, name) == ("people.resident", "user_id"):
                        # Same installation: that log-in already has its resident record.
                        assert new[name] is None
                        continue
                    elif target._meta.label == "core.User":
                        assert new_users[new[name]] == old_users[value], (label, name)
                        continue
                    elif target._meta.label_lower in maps:
                        expected = maps[target._meta.label_lower][value]
                    elif target._meta.app_label in ("geo", "initiatives"):
                        assert (
                            new_data["references"][target._meta.model_name][str(new[name])]
                            == (old_data["references"][target._meta.model_name][str(value)])
                        )
                        continue
                elif f is None:  # a many-to-many list
                    m2m = model._meta.get_field(name)
                    target = m2m.related_model._meta.label_lower
                    if target in maps:
                        expected = sorted(maps[target][v] for v in value)
                    else:
                        ref = m2m.related_model._meta.model_name
                        expected = [old_data["references"][ref][str(v)] for v in value]
                        assert [new_data["references"][ref][str(v)] for v in new[name]] == expected
                        continue
                elif history is not None and name == "id":
                    expected = maps[history._meta.label_lower][value]
                elif f is not None and f.get_internal_type() in ("FileField", "ImageField"):
                    continue  # compared byte for byte below
                assert new[name] == expected, (label, name, old, new)
                compared += 1
    return compared


@pytest.mark.django_db
def test_round_trip_recreates_every_row_and_file(rich, collective, tmp_path):
    path = tmp_path / "havenkwartier.zip"
    manifest = archive.export_collective(collective, path)
    old_data = json.loads(zipfile.ZipFile(path).read("data.json"))
    expected_counts = {
        "people.resident": 3,
        "people.consent": 4,
        "people.conversation": 1,
        "assets.asset": 8,
        "assets.tag": 1,
        "initiatives.initiative": 1,
        "initiatives.need": 1,
        "initiatives.activity": 3,  # one, and two of the series (one date skipped)
        "initiatives.activityseries": 1,
        "initiatives.skippeddate": 1,
        "initiatives.pledge": 2,
        "initiatives.connection": 2,
        "maps.portraitstory": 1,
        "communities.membership": 3,
    }
    for label, count in expected_counts.items():
        assert manifest["counts"][label] == count, label
    assert manifest["counts"]["assets.historicalasset"] >= 9  # every save, twice for the place
    assert len(manifest["files"]) == 2  # the logo and the story's picture

    summary = archive.import_collective(path, slug="havenkwartier-2")
    copy = summary.collective
    assert copy.slug == "havenkwartier-2" and copy.pk != collective.pk
    assert list(copy.working_area.values_list("code", flat=True)) == ["BU05990101"]

    new_path = tmp_path / "copy.zip"
    archive.export_collective(copy, new_path)
    new_data = json.loads(zipfile.ZipFile(new_path).read("data.json"))
    models_by_label = {m._meta.label_lower: m for m in archive.collective_models()}
    assert set(new_data["tables"]) == set(old_data["tables"])
    assert assert_same(old_data, new_data, models_by_label) > 300
    skip = {"id", "slug", "public_logo"}
    for name, value in old_data["collective"].items():
        if name not in skip:
            assert new_data["collective"][name] == value, name

    # The copy's series has its own occurrences and skipped date.
    copied = ActivitySeries.objects.get(collective=copy)
    assert copied.occurrences.count() == 2 and copied.skipped_dates.count() == 1
    assert set(copied.occurrences.values_list("collective", flat=True)) == {copy.pk}
    # An organisation's pledge points at the copy's own organisation.
    pledge = Pledge.objects.get(initiative__collective=copy, giver__isnull=False)
    assert pledge.giver.collective == copy and pledge.giver.title == "Basisschool De Haven"
    # Files byte for byte, under the names the new rows point at.
    old_story = Asset.objects.get(collective=collective, category="story")
    new_story = Asset.objects.get(collective=copy, category="story")
    assert new_story.image.read() == old_story.image.read() and new_story.image.size > 0
    assert copy.public_logo.read() == collective.public_logo.read()
    # Same database: nobody new; the resident's log-in stays with the original resident.
    assert "ria@example.nl" not in summary.users_created and not summary.invited
    assert any("inlog niet gekoppeld" in note for note in summary.notes)
    # The search index was rebuilt, the audit log of the copy starts fresh and verifies.
    assert SearchDocument.objects.filter(collective=copy).count() == 8
    assert verify_chain(copy.pk) == []


@pytest.mark.django_db
def test_import_into_an_installation_without_the_people(
    rich, collective, tmp_path, mia, django_capture_on_commit_callbacks
):
    """Users are matched by e-mail; absent ones become inactive log-ins and members get an
    invitation that lets them set a password."""
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    slug = collective.slug
    from kring.initiatives.models import Activity

    Activity.objects.filter(collective=collective).delete()  # its place is protected
    Collective.objects.filter(pk=collective.pk).delete()
    User.objects.filter(email__in=["bob@example.org", "mia@example.org"]).delete()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        summary = archive.import_collective(path)

    assert summary.collective.slug == slug
    assert sorted(summary.users_created) == ["bob@example.org", "mia@example.org"]
    assert sorted(summary.invited) == ["bob@example.org", "mia@example.org"]
    bob = User.objects.get(email="bob@example.org")
    assert not bob.is_active and not bob.has_usable_password()
    assert Membership.objects.get(user=bob, collective=summary.collective).role == "buurtmaker"
    # alice still exists: matched, not made again, no invitation.
    assert Membership.objects.filter(
        user__email="alice@example.org", collective=summary.collective, role="beheerder"
    ).exists()
    assert len(mail.outbox) == 2
    # The resident's log-in follows her to the new installation.
    assert summary.collective.residents.get(name="Ria de Vries").user.email == "mia@example.org"

    # Bob claims his log-in through the invitation.
    invitation = Invitation.objects.get(email="bob@example.org")
    from kring.communities.services import accept_invitation

    accept_invitation(
        invitation=invitation, user=None, name="Bob", password="een lang wachtwoord 42"
    )
    bob.refresh_from_db()
    assert bob.is_active and bob.check_password("een lang wachtwoord 42")


@pytest.mark.django_db
def test_a_changed_archive_is_refused_and_nothing_is_stored(rich, collective, tmp_path):
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    broken = tmp_path / "b.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "data.json":
                content = content.replace(b"Ria de Vries", b"Ria de Vriez")
            target.writestr(item, content)
    before = (Collective.objects.count(), Asset.objects.count())
    with pytest.raises(archive.ArchiveError, match=r"controlesom van data\.json klopt niet"):
        archive.import_collective(broken, slug="kopie")
    assert (Collective.objects.count(), Asset.objects.count()) == before


@pytest.mark.django_db
def test_missing_buurten_are_refused_clearly(rich, collective, tmp_path):
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    files_before = sorted(default_storage.listdir("stories")[0])
    Neighbourhood.objects.filter(code="BU05990101").update(code="BU05990199")
    with pytest.raises(archive.ArchiveError, match="BU05990101"):
        archive.import_collective(path, slug="kopie")
    assert not Collective.objects.filter(slug="kopie").exists()
    # The files saved for the failed import are gone again.
    assert sorted(default_storage.listdir("stories")[0]) == files_before


@pytest.mark.django_db
def test_the_commands_export_and_import(rich, collective, tmp_path, capsys):
    path = tmp_path / "c.zip"
    call_command("export_collective", "havenkwartier", str(path))
    out = capsys.readouterr().out
    assert "assets.asset: 8" in out and "privacy.auditentry" in out
    call_command("import_collective", str(path), "--slug", "proef", "--dry-run")
    assert not Collective.objects.filter(slug="proef").exists()
    call_command("import_collective", str(path), "--slug", "kopie")
    assert Collective.objects.get(slug="kopie").assets.count() == 8
    with pytest.raises(CommandError, match="al een collectief"):
        call_command("import_collective", str(path), "--slug", "kopie")
    with pytest.raises(CommandError, match="geen collectief"):
        call_command("export_collective", "bestaat-niet", str(path))
    (tmp_path / "leeg.zip").write_bytes(b"geen zip")
    with pytest.raises(CommandError, match="geen leesbaar zip-archief"):
        call_command("import_collective", str(tmp_path / "leeg.zip"))


def _rewrite(path, target, change):
    """Copy an archive, letting ``change(name, content)`` return new members."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            for name, content in change(item.filename, source.read(item)):
                out.writestr(name, content)
    return target


@pytest.mark.django_db
def test_added_members_and_unsafe_names_are_refused(rich, collective, tmp_path):
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)

    def add_member(name, content):
        yield name, content
        if name == "data.json":
            yield "files/../../buiten.txt", b"weg"

    with pytest.raises(archive.ArchiveError, match="toegevoegd"):
        archive.import_collective(_rewrite(path, tmp_path / "b.zip", add_member), slug="x")

    def traversal(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["sha256"]["files/../../buiten.txt"] = sha256(b"weg")
            content = json.dumps(manifest).encode()
        yield name, content
        if name == "data.json":
            yield "files/../../buiten.txt", b"weg"

    with pytest.raises(archive.ArchiveError, match="Onveilige bestandsnaam"):
        archive.import_collective(_rewrite(path, tmp_path / "c.zip", traversal), slug="x")
    assert not (tmp_path.parent / "buiten.txt").exists()
    assert not Collective.objects.filter(slug="x").exists()


@pytest.mark.django_db
def test_a_missing_gemeente_is_refused_clearly(rich, collective, tmp_path):
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    from kring.geo.models import Municipality

    Municipality.objects.filter(code="GM0599").update(code="GM0598")
    with pytest.raises(archive.ArchiveError, match="gemeente GM0599 niet"):
        archive.import_collective(path, slug="kopie")


@pytest.mark.django_db
def test_a_dry_run_stores_nothing(rich, collective, tmp_path):
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    before = (Collective.objects.count(), Asset.objects.count(), User.objects.count())
    stories = default_storage.listdir("stories")
    summary = archive.import_collective(path, slug="proef", dry_run=True)
    assert summary.counts["assets.asset"] == 8
    assert (Collective.objects.count(), Asset.objects.count(), User.objects.count()) == before
    assert default_storage.listdir("stories") == stories


@pytest.mark.django_db
def test_a_clash_with_unique_values_is_refused_and_files_are_removed(
    rich, collective, tmp_path, monkeypatch
):
    """A table of another app with a unique value (a token, say) that already exists here."""
    from django.db import IntegrityError

    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    stories = default_storage.listdir("stories")

    def clash(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: voorbeeld.token")

    monkeypatch.setattr(restore, "_invite", clash)
    with pytest.raises(archive.ArchiveError, match="botst met wat er in deze installatie"):
        archive.import_collective(path, slug="kopie")
    assert not Collective.objects.filter(slug="kopie").exists()
    assert default_storage.listdir("stories") == stories


@pytest.mark.django_db
def test_an_import_job_stays_behind(rich, collective, alice, tmp_path):
    """An import job is a transient upload: the archive names it as left out, and neither the
    job nor a file it points at travels."""
    from kring.imports.models import ImportJob

    ImportJob.objects.create(
        collective=collective,
        kind="gaven",
        original_name="gaven.csv",
        file_format="csv",
        created_by=alice,
    )
    labels = {m._meta.label_lower for m in archive.collective_models()}
    assert "imports.importjob" not in labels
    path = tmp_path / "havenkwartier.zip"
    manifest = archive.export_collective(collective, path)
    data = json.loads(zipfile.ZipFile(path).read("data.json"))
    assert "imports.importjob" not in data["tables"]
    assert "imports.importjob" in manifest["left_out"]
    summary = archive.import_collective(path, slug="havenkwartier-2")
    assert not ImportJob.objects.filter(collective=summary.collective).exists()


@pytest.mark.django_db
def test_the_gemeente_figures_kept_for_a_collective_stay_behind(rich, collective, tmp_path):
    """Counts kept between a gemeente's questions are this installation's work, keyed by its
    numbers: moving them along made a copy of the collective clash with the original."""
    from kring.impact.models import FigureStore

    FigureStore.objects.create(
        kind=FigureStore.Kind.COUNTS, key="k" * 64, collective=collective, year=2026, data=[]
    )
    path = tmp_path / "havenkwartier.zip"
    manifest = archive.export_collective(collective, path)
    assert "impact.figurestore" in manifest["left_out"]
    summary = archive.import_collective(path, slug="havenkwartier-2")
    assert not FigureStore.objects.filter(collective=summary.collective).exists()


@pytest.fixture
def audited(rich, collective, alice):
    """Looked at, changed, exported: the collective's audit chain that must move along."""
    from kring.privacy import audit

    resident = collective.residents.order_by("pk").first()
    for action in (audit.Action.VIEW, audit.Action.CHANGE, audit.Action.EXPORT):
        audit.record(actor=alice, collective=collective, action=action, target=resident)
    return resident


@pytest.mark.django_db
def test_the_audit_log_moves_along_and_verifies(audited, collective, tmp_path):
    from kring.privacy import anchors
    from kring.privacy.models import AuditEntry

    old = list(AuditEntry.objects.filter(collective=collective).order_by("id"))
    path = tmp_path / "a.zip"
    manifest = archive.export_collective(collective, path)
    assert manifest["audit"]["entries"] == len(old) and manifest["audit"]["head"] == old[-1].hash
    # The old installation anchored the head and the digest when it made the archive.
    last, _problems = anchors.last_anchor()
    assert last["reason"] == "export" and manifest["audit"]["digest"] in last["note"]

    copy = archive.import_collective(path, slug="kopie").collective
    moved = list(AuditEntry.objects.filter(collective=copy).order_by("id"))
    # The moved entries, then the entry that records the import.
    assert [e.origin_hash for e in moved[: len(old)]] == [e.hash for e in old]
    assert [e.action for e in moved[: len(old)]] == [e.action for e in old]
    assert moved[-1].origin_hash == "" and manifest["audit"]["digest"] in moved[-1].summary
    # Numbers of this installation: the resident's entries point at the resident's copy.
    new_resident = copy.residents.get(name=audited.name)
    looked = [e for e in moved if e.subject_id == new_resident.pk]
    assert len(looked) == 3 and all(e.target_id == str(new_resident.pk) for e in looked)
    assert verify_chain(copy.pk) == [] and anchors.verify() == []
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert f"chain {copy.pk}: moved from another installation, last hash there {old[-1].hash}" in (
        out.getvalue()
    )


def _change_audit(path, target, change):
    """A copy of the archive whose moved audit entries ``change`` altered, checksums made to fit
    again (as someone changing the archive would)."""

    def rewrite(name, content):
        if name == "data.json":
            data = json.loads(content)
            change(data["audit"])
            rewrite.data = json.dumps(data).encode()
            return [(name, rewrite.data)]
        if name == "manifest.json":
            return []
        return [(name, content)]

    _rewrite(path, target, rewrite)
    manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
    manifest["sha256"]["data.json"] = sha256(rewrite.data)
    with zipfile.ZipFile(target, "a") as out:
        out.writestr("manifest.json", json.dumps(manifest))
    return target


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change,message",
    [
        (lambda chain: chain["entries"][1].update(action="view"), "controlegetal"),
        (lambda chain: chain["entries"].pop(1), "controlegetal"),
        (
            lambda chain: (
                chain["entries"].pop(1),
                chain.update(digest=audit_move._digest(chain["entries"])),
            ),
            "ontbreken regels",
        ),
        (
            lambda chain: (
                chain["entries"].pop(),
                chain.update(digest=audit_move._digest(chain["entries"])),
            ),
            "nieuwste regels zijn weggehaald",
        ),
    ],
)
def test_a_moved_audit_log_that_was_tampered_with_is_refused(
    audited, collective, tmp_path, change, message
):
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    changed = _change_audit(path, tmp_path / "b.zip", change)
    with pytest.raises(archive.ArchiveError, match=message):
        archive.import_collective(changed, slug="kopie")
    assert not Collective.objects.filter(slug="kopie").exists()

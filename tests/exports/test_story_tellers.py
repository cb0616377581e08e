"""Tellers of stories in the exports: the moving archive keeps them, open data holds a public
story only while its tellers allow it, and the asset list names them for buurtmakers only."""

import csv
import io
import json

import pytest

from kring.assets.models import Asset
from kring.exports import archive
from kring.privacy.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body), delimiter=";"))


def test_the_moving_archive_keeps_the_tellers(rich, collective, tmp_path):
    story = rich["story"]
    story.tellers.add(rich["ria"], rich["ahmed"])
    path = tmp_path / "a.zip"
    archive.export_collective(collective, path)
    copy = archive.import_collective(path, slug="havenkwartier-2").collective
    new_story = Asset.objects.get(collective=copy, title=story.title)
    tellers = list(new_story.tellers.order_by("name"))
    assert [t.name for t in tellers] == ['=HYPERLINK("x")', "Ria de Vries"]
    # The copy's own residents, not the old ones.
    assert {t.collective_id for t in tellers} == {copy.pk}


def test_open_data_holds_a_public_story_only_while_its_tellers_allow_it(client, rich, mia):
    rich["story"].tellers.add(rich["ria"])
    client.force_login(mia)

    def names():
        data = json.loads(client.get("/c/havenkwartier/export/openbare-bronnen.geojson").content)
        return {f["properties"]["naam"] for f in data["features"]}

    assert "Het havenfeest" not in names()
    consent = factories.ConsentFactory(resident=rich["ria"], purpose="verhalen")
    assert "Het havenfeest" in names()
    consent.withdrawn_at = consent.given_at
    consent.save()
    assert "Het havenfeest" not in names()


def test_the_asset_list_names_tellers_for_buurtmakers_only(client, rich, bob, mia):
    rich["story"].tellers.add(rich["ria"])
    client.force_login(bob)
    rows = _csv(client.get("/c/havenkwartier/export/bronnen.csv"))
    column = rows[0].index("Verteld door")
    story = next(r for r in rows[1:] if r[2] == "Het havenfeest")
    assert story[column] == "Ria de Vries"
    # Her entry in the log says her name left Kring in a list.
    assert AuditEntry.objects.filter(
        action="export", subject_id=rich["ria"].pk, summary__startswith="bronnenlijst"
    ).exists()
    client.force_login(mia)
    rows = _csv(client.get("/c/havenkwartier/export/bronnen.csv"))
    assert "Ria de Vries" not in json.dumps(rows)

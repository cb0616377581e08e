import csv
import io
import json
import re
import zipfile

import pytest
from openpyxl import load_workbook

from kring.exports.models import ArchiveJob, OpenData
from kring.exports.tables import neutralise
from kring.privacy.audit import verify_chain
from kring.privacy.models import AuditEntry


def _csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith("\ufeff".encode())  # the byte order mark Excel needs
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_formula_starts_are_neutralised():
    for text in ("=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("gewoon") == "gewoon"
    assert neutralise(None) == ""
    assert neutralise(3) == "3"


@pytest.mark.django_db
def test_the_page_shows_what_each_role_may_download(client, rich, alice, bob, mia):
    client.force_login(mia)
    page = client.get("/c/havenkwartier/export/").content.decode()
    assert "bronnen.csv" in page and "bewoners.csv" not in page and "export/archive/" not in page
    client.force_login(bob)
    page = client.get("/c/havenkwartier/export/").content.decode()
    assert "bewoners.csv" in page and "export/archive/" not in page
    client.force_login(alice)
    page = client.get("/c/havenkwartier/export/").content.decode()
    assert "export/archive/" in page and 'name="publish"' in page


@pytest.mark.django_db
def test_a_member_gets_assets_without_gifts_and_no_residents(client, rich, mia):
    client.force_login(mia)
    rows = _csv(client.get("/c/havenkwartier/export/bronnen.csv"))
    assert rows[0][:3] == ["Nummer", "Soort", "Naam"]
    titles = {row[2] for row in rows[1:]}
    assert "Fietsen repareren" not in titles and "Alleen intern" not in titles
    assert "Buurthuis De Gaffel (nieuw)" in titles
    assert client.get("/c/havenkwartier/export/bewoners.csv").status_code == 403
    assert client.get("/c/havenkwartier/export/bewoners.xlsx").status_code == 403
    assert client.post("/c/havenkwartier/export/archive/").status_code == 403
    assert not ArchiveJob.objects.exists()
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_a_buurtmaker_gets_gifts_and_residents_with_consent_and_it_is_logged(client, rich, bob):
    client.force_login(bob)
    rows = _csv(client.get("/c/havenkwartier/export/bronnen.csv"))
    titles = {row[2] for row in rows[1:]}
    # The gift of a resident who consented to the inventory; not of one who did not.
    assert "Fietsen repareren" in titles and "Geheime gave" not in titles
    assert "'-Buurtkoor" in titles  # a cell starting with - cannot become a formula
    residents = _csv(client.get("/c/havenkwartier/export/bewoners.csv"))
    assert residents[0][:4] == ["Nummer", "Naam", "E-mailadres", "Telefoon"]
    names = [row[1] for row in residents[1:]]
    assert names == ['\'=HYPERLINK("x")', "Ria de Vries"]
    ria = residents[2]
    assert "ria@example.nl" in ria and "BU05990101" in ria
    # Only the consents that are in force.
    assert "Leden van het collectief" in ria[8] and "contact" not in ria[8]
    entries = AuditEntry.objects.filter(action="export", actor=bob, subject_id__isnull=True)
    assert [e.summary for e in entries.order_by("id")] == [
        "bronnenlijst csv: 7 bronnen, waarvan 1 gaven",
        "bewonerslijst csv: 2 bewoners",
    ]
    assert "Ria" not in "".join(e.summary for e in entries)
    # Each resident in a list gets an entry of their own (for inzage); the chain still holds.
    about = AuditEntry.objects.filter(action="export", actor=bob, subject_id__isnull=False)
    assert sorted(about.values_list("subject_id", flat=True)) == sorted(
        [rich["ria"].pk, rich["ria"].pk, rich["ahmed"].pk]
    )
    assert verify_chain() == []
    from kring.privacy.selectors import resident_export

    inzage = resident_export(rich["ria"])["audit"]
    assert sum("bewonerslijst csv" in str(row) for row in inzage) == 1


@pytest.mark.django_db
def test_xlsx_has_dutch_headers_and_no_formulas(client, rich, bob):
    client.force_login(bob)
    response = client.get("/c/havenkwartier/export/bewoners.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx(response)
    assert rows[0][:3] == ["Nummer", "Naam", "E-mailadres"]
    assert rows[1][1] == '\'=HYPERLINK("x")'
    assets = _xlsx(client.get("/c/havenkwartier/export/bronnen.xlsx"))
    assert assets[0][1] == "Soort"
    assert all(not str(v).startswith("=") for row in assets for v in row if v is not None)


@pytest.mark.django_db
def test_geojson_is_rfc_7946_with_public_assets_only(client, rich, mia):
    client.force_login(mia)
    response = client.get("/c/havenkwartier/export/openbare-bronnen.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    names = {f["properties"]["naam"] for f in data["features"]}
    assert names == {
        "Buurthuis De Gaffel (nieuw)",
        "Basisschool De Haven",
        "-Buurtkoor",
        "Het havenfeest",
    }
    place = next(f for f in data["features"] if f["properties"]["categorie"] == "place")
    assert place["geometry"] == {"type": "Point", "coordinates": [4.466, 51.918]}  # lon, lat
    assert place["properties"]["labels"] == ["sport"]
    story = next(f for f in data["features"] if f["properties"]["categorie"] == "story")
    assert story["geometry"] is None
    hsds = json.loads(client.get("/c/havenkwartier/export/hsds.json").content)
    assert hsds["hsds_version"] == "3.0"


@pytest.mark.django_db
def test_public_open_data_is_off_until_the_admin_chooses_it(client, rich, collective, alice):
    collective.is_public = True
    collective.save()
    urls = [
        "/members/havenkwartier/open-data/bronnen.geojson",
        "/members/havenkwartier/open-data/hsds.json",
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    assert "open-data" not in client.get("/members/havenkwartier/").content.decode()

    client.force_login(alice)
    response = client.post("/c/havenkwartier/export/open-data/", {"publish": "on"})
    assert response.status_code == 302
    assert OpenData.objects.get(collective=collective).publish
    client.logout()
    page = client.get("/members/havenkwartier/").content.decode()
    assert "open-data/bronnen.geojson" in page
    data = json.loads(client.get(urls[0]).content)
    assert len(data["features"]) == 4
    assert "Ria" not in client.get(urls[1]).content.decode()

    # Taking the profile offline takes the open data offline too.
    collective.is_public = False
    collective.save()
    assert client.get(urls[0]).status_code == 404


@pytest.mark.django_db
def test_only_the_admin_sets_open_data(client, rich, collective, bob):
    client.force_login(bob)
    assert client.post("/c/havenkwartier/export/open-data/", {"publish": "on"}).status_code == 403
    assert not OpenData.objects.filter(collective=collective).exists()


@pytest.mark.django_db
def test_the_admin_downloads_the_moving_archive_and_it_is_logged(client, rich, alice):
    client.force_login(alice)
    response = client.post("/c/havenkwartier/export/archive/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Het verhuisarchief is klaar" in page
    download = re.search(r'href="([^"]+/collectief\.zip)"', page).group(1)
    assert not AuditEntry.objects.filter(action="export").exists()  # made, not yet downloaded
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="havenkwartier-')
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["counts"]["people.resident"] == 3
    entry = AuditEntry.objects.get(action="export", actor=alice)
    assert entry.summary.startswith("verhuisarchief:")

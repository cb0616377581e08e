"""The CBS wijk- en buurtkaart import from the admin site: check first, then store."""

import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kring.geo.models import District, Municipality, Neighbourhood

from .. import factories

SAMPLE = Path(__file__).resolve().parents[2] / "kring" / "geo" / "data" / "sample-kringstad.geojson"
URL = "/admin/geo/municipality/import-cbs/"


@pytest.fixture
def root(db):
    return factories.UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def upload(content: bytes, name="buurten.geojson"):
    return SimpleUploadedFile(name, content, content_type="application/geo+json")


def counts():
    return (Municipality.objects.count(), District.objects.count(), Neighbourhood.objects.count())


@pytest.mark.django_db
def test_the_changelist_links_to_the_import_for_superusers(client, root):
    client.force_login(root)
    page = client.get("/admin/geo/municipality/").content.decode()
    assert URL in page and "Importeer CBS-bestand" in page


@pytest.mark.django_db
def test_check_then_store(client, root):
    client.force_login(root)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Het bestand is in orde" in page
    assert counts() == (0, 0, 0)  # the check stores nothing
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)

    response = client.post(URL, {"token": token})
    assert response.status_code == 302
    assert counts() == (1, 3, 11)
    assert Municipality.objects.get(code="GM9999").year == 2025
    # The checked upload is gone; the same token cannot be used again.
    assert client.post(URL, {"token": token}).status_code == 400


@pytest.mark.django_db
def test_errors_are_shown_in_dutch_and_nothing_is_stored(client, root):
    client.force_login(root)
    data = json.loads(SAMPLE.read_text())
    data["features"][0]["properties"]["buurtcode"] = "XX123"
    response = client.post(URL, {"file": upload(json.dumps(data).encode()), "year": 2025})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page and "Object 1" in page
    assert 'name="token"' not in page
    assert counts() == (0, 0, 0)
    response = client.post(URL, {"file": upload(b"\x89PNG\r\n"), "year": 2025})
    assert response.status_code == 400 and "geen tekstbestand" in response.content.decode()
    response = client.post(URL, {"year": "tweeduizend"})
    page = response.content.decode()
    assert (
        response.status_code == 400 and "Kies een bestand." in page and "Vul een jaartal in" in page
    )


@pytest.mark.django_db
def test_a_forged_token_is_refused(client, root):
    client.force_login(root)
    response = client.post(URL, {"token": "../../etc/passwd"})
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()


@pytest.mark.django_db
def test_staff_without_superuser_rights_cannot_import(client):
    staff = factories.UserFactory(email="staff@example.org", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}).status_code == 403
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_in_dutch(client, root, settings):
    settings.KRING_REGIONS_MAX_BYTES = 1024 * 1024
    client.force_login(root)
    response = client.post(URL, {"file": upload(b" " * (1024 * 1024 + 1)), "year": 2025})
    assert response.status_code == 400
    assert "groter dan 1 MB" in response.content.decode()

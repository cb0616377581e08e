"""The CBS wijk- en buurtkaart import from the admin site: upload, checked in the background
(progress page), then stored in the background when the superuser confirms; all or nothing."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kring.core.jobs import JobStatus
from kring.geo import region_job, uploads
from kring.geo.models import District, Municipality, Neighbourhood, RegionImport

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


def stored_files(settings) -> list[Path]:
    folder = Path(settings.KRING_IMPORT_ROOT) / "regions"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def job_url(response) -> str:
    assert response.status_code == 302, response.status_code
    assert re.fullmatch(rf"{URL}\d+/", response["Location"]), response["Location"]
    return response["Location"]


@pytest.mark.django_db
def test_the_changelist_links_to_the_import_for_superusers(client, root):
    client.force_login(root)
    page = client.get("/admin/geo/municipality/").content.decode()
    assert URL in page and "Importeer CBS-bestand" in page


@pytest.mark.django_db
def test_check_then_store(client, root, settings):
    client.force_login(root)
    assert client.get(URL).status_code == 200
    job_page = job_url(client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}))
    page = client.get(job_page).content.decode()
    assert "Het bestand is in orde" in page
    assert counts() == (0, 0, 0)  # the check stores nothing
    # The checked file waits outside MEDIA_ROOT, never where a web server may serve it.
    assert len(stored_files(settings)) == 1
    assert not (Path(settings.MEDIA_ROOT) / "cbs-imports").exists()
    store_url = re.search(r'action="([^"]+/store/)"', page).group(1)

    response = client.post(store_url)
    assert response.status_code == 302 and response["Location"] == job_page
    assert counts() == (1, 3, 11)
    assert Municipality.objects.get(code="GM9999").year == 2025
    page = client.get(job_page).content.decode()
    assert "De gebieden zijn opgeslagen: 1 gemeenten, 3 wijken en 11 buurten" in page
    assert 'http-equiv="refresh"' not in page
    # The stored upload is gone; storing again changes nothing.
    assert stored_files(settings) == []
    response = client.post(store_url)
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    assert counts() == (1, 3, 11)


@pytest.mark.django_db
def test_a_bad_file_shows_its_errors_in_dutch_and_nothing_is_stored(client, root, settings):
    client.force_login(root)
    data = json.loads(SAMPLE.read_text())
    data["features"][0]["properties"]["buurtcode"] = "XX123"
    job_page = job_url(client.post(URL, {"file": upload(json.dumps(data).encode()), "year": 2025}))
    page = client.get(job_page).content.decode()
    assert "Er is niets opgeslagen" in page and "Object 1" in page
    assert "/store/" not in page
    assert counts() == (0, 0, 0)
    assert stored_files(settings) == []  # a refused file is removed at once
    job = RegionImport.objects.get()
    assert job.status == JobStatus.REFUSED and job.error_count == len(job.errors) >= 1
    # It cannot be stored anyway.
    response = client.post(f"{job_page}store/")
    assert response.status_code == 400
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_what_is_not_json_text_is_refused_at_the_upload(client, root, settings):
    client.force_login(root)
    response = client.post(URL, {"file": upload(b"\x89PNG\r\n\x1a\n"), "year": 2025})
    assert response.status_code == 400 and "geen tekstbestand" in response.content.decode()
    response = client.post(URL, {"file": upload(b"<svg></svg>"), "year": 2025})
    assert response.status_code == 400 and "geen GeoJSON-kaart" in response.content.decode()
    response = client.post(URL, {"year": "tweeduizend"})
    page = response.content.decode()
    assert (
        response.status_code == 400 and "Kies een bestand." in page and "Vul een jaartal in" in page
    )
    assert RegionImport.objects.count() == 0 and stored_files(settings) == []


@pytest.mark.django_db
def test_the_progress_page_refreshes_while_the_worker_runs(client, root, settings):
    """With a real worker the upload only queues the check; the page shows the progress and
    refreshes itself without JavaScript."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(root)
    job_page = job_url(client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}))
    job = RegionImport.objects.get()
    assert job.status == JobStatus.QUEUED
    page = client.get(job_page).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page and "Ververs" in page
    # Halfway: the task writes its progress to a file beside the upload.
    RegionImport.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    from kring.core.jobs import write_progress

    write_progress(region_job.progress_file(job.pk), 42)
    assert 'value="42"' in client.get(job_page).content.decode()
    # The worker gets to it.
    RegionImport.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    region_job.run_region_job(job_id=job.pk)
    assert "Het bestand is in orde" in client.get(job_page).content.decode()
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_staff_without_superuser_rights_cannot_import(client, root):
    client.force_login(root)
    job_page = job_url(client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}))
    staff = factories.UserFactory(email="staff@example.org", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}).status_code == 403
    assert client.get(job_page).status_code == 403
    assert client.post(f"{job_page}store/").status_code == 403
    assert counts() == (0, 0, 0)
    assert RegionImport.objects.count() == 1
    # Not staff at all: the admin's log-in page.
    client.force_login(factories.UserFactory(email="lid@example.org"))
    assert client.get(job_page).status_code == 302


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_in_dutch(client, root, settings):
    settings.KRING_REGIONS_MAX_BYTES = 1024 * 1024
    client.force_login(root)
    response = client.post(URL, {"file": upload(b" " * (1024 * 1024 + 1)), "year": 2025})
    assert response.status_code == 400
    assert "groter dan 1 MB" in response.content.decode()


@pytest.mark.django_db
def test_old_uploads_are_purged_with_their_files(client, root, settings):
    client.force_login(root)
    job_url(client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}))
    assert len(stored_files(settings)) == 1
    assert uploads.purge_old_region_uploads() == 0
    later = timezone.now() + datetime.timedelta(hours=settings.KRING_IMPORT_KEEP_HOURS + 1)
    assert uploads.purge_old_region_uploads(now=later, dry_run=True) == 1
    assert len(stored_files(settings)) == 1
    assert uploads.purge_old_region_uploads(now=later) == 1
    assert stored_files(settings) == [] and RegionImport.objects.count() == 0


@pytest.mark.django_db
def test_a_checked_file_past_its_time_cannot_be_stored(client, root, settings):
    client.force_login(root)
    job_page = job_url(client.post(URL, {"file": upload(SAMPLE.read_bytes()), "year": 2025}))
    RegionImport.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=settings.KRING_IMPORT_KEEP_HOURS + 1)
    )
    response = client.post(f"{job_page}store/")
    assert response.status_code == 400 and "verlopen" in response.content.decode()
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_an_unknown_job_is_404(client, root):
    client.force_login(root)
    assert client.get(f"{URL}12345/").status_code == 404
    assert client.get(f"{URL}{2**70}/").status_code == 404
    assert client.post(f"{URL}12345/store/").status_code == 404
    assert client.get(f"{URL}12345/store/").status_code == 405

"""The moving archive made in the background: progress page, download for the collective's
admins only (404 for everyone else), every download logged, removed by the retention run."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from kring.core.jobs import JobStatus, write_progress
from kring.exports import archive_build, archive_jobs
from kring.exports.models import ArchiveJob
from kring.privacy.models import AuditEntry

START = "/c/havenkwartier/export/archive/"


def start(client) -> str:
    response = client.post(START)
    assert response.status_code == 302
    assert re.fullmatch(rf"{START}\d+/", response["Location"]), response["Location"]
    return response["Location"]


def stored(settings) -> list[Path]:
    root = Path(settings.KRING_ARCHIVE_ROOT)
    return list(root.rglob("*.zip")) if root.exists() else []


@pytest.fixture
def queued(settings):
    """A real worker: starting only queues the task."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db
def test_the_page_shows_progress_until_the_archive_is_ready(client, rich, alice, queued, settings):
    client.force_login(alice)
    job_page = start(client)
    job = ArchiveJob.objects.get()
    assert job.status == JobStatus.QUEUED and job.collective.slug == "havenkwartier"
    page = client.get(job_page).content.decode()
    assert "wacht op zijn beurt" in page and "<progress" in page
    assert '<noscript><meta http-equiv="refresh"' in page and "Ververs" in page
    assert 'hx-get="' in page  # htmx polls the status when scripts run
    assert start(client) == job_page  # a second click reuses the archive being made

    ArchiveJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    write_progress(archive_build.progress_file(job.pk), 37)
    partial = client.get(job_page, headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="archive-status"') and 'value="37"' in partial

    ArchiveJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    archive_build.run_archive_job(job_id=job.pk)
    page = client.get(job_page).content.decode()
    assert "Het verhuisarchief is klaar" in page and "refresh" not in page
    job.refresh_from_db()
    assert job.ready and job.rows > 10 and job.files == 2 and job.size > 0
    # Private storage, never under MEDIA_ROOT; a random name.
    (path,) = stored(settings)
    assert Path(settings.MEDIA_ROOT) not in path.parents
    assert len(path.stem) == 32
    assert not Path(settings.KRING_ARCHIVE_ROOT, f"progress-{job.pk}.txt").exists()


@pytest.mark.django_db
def test_every_download_is_logged(client, rich, alice):
    client.force_login(alice)
    job_page = start(client)
    for _ in range(2):
        response = client.get(f"{job_page}collectief.zip")
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        b"".join(response.streaming_content)
    entries = AuditEntry.objects.filter(action="export", actor=alice)
    assert entries.count() == 2
    assert all(e.summary.startswith("verhuisarchief:") for e in entries)


@pytest.mark.django_db
@pytest.mark.parametrize("outsider", ["charlie", "official"])
def test_nobody_outside_the_collective_finds_the_archive(client, rich, alice, outsider, request):
    client.force_login(alice)
    job_page = start(client)
    pk = ArchiveJob.objects.get().pk
    user = request.getfixturevalue(outsider)
    client.force_login(user)
    urls = [job_page, f"{job_page}collectief.zip"]
    if outsider == "charlie":
        # Through his own collective too: the number of another collective's archive is 404.
        urls += [f"/c/elders/export/archive/{pk}/", f"/c/elders/export/archive/{pk}/collectief.zip"]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(START).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


@pytest.mark.django_db
def test_a_buurtmaker_of_the_collective_cannot_make_or_download_it(client, rich, alice, bob):
    client.force_login(alice)
    job_page = start(client)
    client.force_login(bob)
    assert client.post(START).status_code == 403
    assert client.get(job_page).status_code == 403
    assert client.get(f"{job_page}collectief.zip").status_code == 403
    assert ArchiveJob.objects.count() == 1


@pytest.mark.django_db
def test_an_archive_not_ready_yet_is_not_downloadable(client, rich, alice, queued):
    client.force_login(alice)
    job_page = start(client)
    assert client.get(f"{job_page}collectief.zip").status_code == 404
    assert client.get(f"{START}{2**70}/").status_code == 404


@pytest.mark.django_db
def test_a_failed_archive_says_so(client, rich, alice, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(archive_build.archive, "export_collective", broken)
    client.force_login(alice)
    job_page = start(client)
    assert ArchiveJob.objects.get().status == JobStatus.FAILED
    page = client.get(job_page).content.decode()
    assert "is mislukt" in page
    assert client.get(f"{job_page}collectief.zip").status_code == 404
    assert stored(settings) == []


@pytest.mark.django_db
def test_the_retention_run_removes_old_archives(client, rich, alice, settings, capsys):
    client.force_login(alice)
    job_page = start(client)
    assert len(stored(settings)) == 1
    call_command("apply_retention")
    assert ArchiveJob.objects.count() == 1  # still within its day

    old = timezone.now() - datetime.timedelta(hours=settings.KRING_ARCHIVE_KEEP_HOURS + 1)
    ArchiveJob.objects.update(created_at=old)
    # Past its time it is no longer offered, even before the retention run.
    assert client.get(f"{job_page}collectief.zip").status_code == 404
    call_command("apply_retention", "--dry-run")
    assert "moving archives deleted: 1 (after 24 hours)" in capsys.readouterr().out
    assert len(stored(settings)) == 1
    call_command("apply_retention")
    assert stored(settings) == [] and not ArchiveJob.objects.exists()
    assert client.get(job_page).status_code == 404


@pytest.mark.django_db
def test_the_export_page_lists_the_recent_archives(client, rich, alice):
    client.force_login(alice)
    job_page = start(client)
    page = client.get("/c/havenkwartier/export/").content.decode()
    assert f'href="{job_page}"' in page and "Maak het verhuisarchief" in page


@pytest.mark.django_db
def test_an_archive_left_without_its_job_is_removed_too(client, rich, alice, settings):
    """Deleting the collective deletes the job row; its file holds every resident."""
    import os

    client.force_login(alice)
    start(client)
    (path,) = stored(settings)
    ArchiveJob.objects.all().delete()
    archive_jobs.purge_old_archives()
    assert path.exists()  # still within its hours: a worker may be writing it
    old = (timezone.now() - datetime.timedelta(hours=25)).timestamp()
    os.utime(path, (old, old))
    archive_jobs.purge_old_archives()
    assert not path.exists()


@pytest.mark.django_db(transaction=True)
def test_an_erasure_withdraws_the_collectives_archives(client, rich, alice, settings, monkeypatch):
    """An archive made before a resident was erased would still hold them: it goes at once,
    and one being written when the erasure comes is not kept either."""
    from kring.people.models import Resident
    from kring.privacy.services import erase_resident

    client.force_login(alice)
    start(client)
    (ready,) = ArchiveJob.objects.all()
    assert ready.ready and len(stored(settings)) == 1

    resident = Resident.objects.filter(collective=ready.collective).first()
    erase_resident(actor=alice, resident=resident)

    assert not ArchiveJob.objects.exists() and stored(settings) == []
    assert client.get(f"{START}{ready.pk}/collectief.zip").status_code == 404
    # An erasure while the worker writes an archive: the finished file is not kept.
    job = ArchiveJob.objects.create(collective=ready.collective, created_by=alice)
    real_export = archive_build.archive.export_collective

    def erased_meanwhile(*args, **kwargs):
        manifest = real_export(*args, **kwargs)
        erase_resident(actor=alice, resident=Resident.objects.filter(erased_at=None).first())
        return manifest

    monkeypatch.setattr(archive_build.archive, "export_collective", erased_meanwhile)
    archive_build.run_archive_job(job_id=job.pk)
    assert not ArchiveJob.objects.exists() and stored(settings) == []

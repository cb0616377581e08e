"""The pieces every background job shares: progress files, private storage, purging."""

import datetime

import pytest
from django.utils import timezone

from kring.core import jobs
from kring.core.jobs import JobStatus
from kring.exports.models import ArchiveJob, archive_storage
from kring.geo.models import region_upload_storage


def test_progress_goes_through_a_file_any_process_can_read(tmp_path):
    path = tmp_path / "deep" / "progress-1.txt"
    assert jobs.read_progress(path) == 0
    report = jobs.percent_reporter(path)
    report(0.0)
    assert jobs.read_progress(path) == 1  # started shows as started
    report(0.426)
    assert jobs.read_progress(path) == 42
    report(1.0)
    assert jobs.read_progress(path) == 99  # done is the job's own status, not the bar's
    path.write_text("rubbish")
    assert jobs.read_progress(path) == 0
    jobs.clear_progress(path)
    jobs.clear_progress(path)  # twice is fine
    assert not path.exists()


def test_private_storage_follows_the_settings_and_stays_out_of_media(settings, tmp_path):
    settings.KRING_ARCHIVE_ROOT = tmp_path / "elsewhere"
    assert archive_storage.path("a.zip") == str(tmp_path / "elsewhere" / "a.zip")
    assert region_upload_storage.path("b").startswith(str(settings.KRING_IMPORT_ROOT))
    for storage in (archive_storage, region_upload_storage):
        assert not storage.path("x").startswith(str(settings.MEDIA_ROOT))


@pytest.mark.django_db
def test_only_old_finished_jobs_are_purged_and_stuck_ones_after_twice_as_long(collective):
    now = timezone.now()

    def job(status, hours_ago):
        made = ArchiveJob.objects.create(collective=collective, status=status)
        ArchiveJob.objects.filter(pk=made.pk).update(
            created_at=now - datetime.timedelta(hours=hours_ago)
        )
        return made.pk

    fresh = job(JobStatus.DONE, 1)
    old = job(JobStatus.FAILED, 30)
    running = job(JobStatus.RUNNING, 30)
    stuck = job(JobStatus.QUEUED, 50)
    found = set(jobs.older_than(ArchiveJob.objects.all(), 24, now=now).values_list("pk", flat=True))
    assert found == {old, stuck}
    assert jobs.delete_jobs_and_files(ArchiveJob.objects.filter(pk__in=found), dry_run=True) == 2
    assert jobs.delete_jobs_and_files(ArchiveJob.objects.filter(pk__in=found)) == 2
    assert set(ArchiveJob.objects.values_list("pk", flat=True)) == {fresh, running}

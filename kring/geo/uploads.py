"""The CBS wijk- en buurtkaart uploaded in the admin site: kept privately, checked in the
background (nothing stored), then stored in the background when the superuser confirms; all or
nothing, as ``import_regions`` itself. A whole-country file takes longer to check and to store
than a web request may last."""

import datetime
import logging

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from kring.core import jobs
from kring.core.jobs import JobStatus

from .models import RegionImport
from .region_job import progress_file
from .tasks import run_region_import_task

logger = logging.getLogger(__name__)


def _check_superuser(user) -> None:
    if not (user and user.is_active and user.is_superuser):
        raise PermissionError("only superusers import regions")


def start_check(*, user, uploaded, year: int, sample: bool) -> RegionImport:
    """Keep the upload outside MEDIA_ROOT and have the worker check it."""
    _check_superuser(user)
    purge_old_region_uploads()
    name = (getattr(uploaded, "name", "") or "bestand").replace("\x00", "")[-200:]
    job = RegionImport(original_name=name, year=year, sample=sample, dry_run=True, created_by=user)
    uploaded.seek(0)
    # The stored name says nothing about the original file.
    job.file.save("cbs.geojson", File(uploaded), save=False)
    job.save()
    logger.info("regions upload %s (%s bytes) to check, by user %s", job.pk, job.file.size, user.pk)
    _enqueue(job)
    return job


def start_store(*, user, job: RegionImport) -> bool:
    """Store a checked upload; False when it is not (or no longer) waiting to be stored."""
    _check_superuser(user)
    if job.created_at < timezone.now() - _keep():
        return False
    updated = (
        RegionImport.objects.filter(pk=job.pk, dry_run=True, status=JobStatus.DONE)
        .exclude(file="")
        .update(dry_run=False, status=JobStatus.QUEUED, progress=0)
    )
    if not updated:
        return False  # a second click, or not checked: changes nothing
    logger.info("regions upload %s to store, by user %s", job.pk, user.pk)
    _enqueue(job)
    return True


def _enqueue(job: RegionImport) -> None:
    run_region_import_task.enqueue(job.pk)


def _keep() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.KRING_IMPORT_KEEP_HOURS)


def progress_of(job: RegionImport) -> RegionImport:
    """The job with the progress of a running check or store filled in."""
    if job.status == JobStatus.RUNNING:
        job.progress = max(1, jobs.read_progress(progress_file(job.pk)))
    return job


def purge_old_region_uploads(*, now=None, dry_run: bool = False) -> int:
    """Uploads (and their error lists, which quote the file) older than
    KRING_IMPORT_KEEP_HOURS go; returns how many. Every upload does this, and so does the daily
    retention run."""
    old = jobs.older_than(RegionImport.objects.all(), settings.KRING_IMPORT_KEEP_HOURS, now=now)
    return jobs.delete_jobs_and_files(old, dry_run=dry_run)

"""The CBS wijk- en buurtkaart uploaded in the admin site: kept privately, checked in the
background (nothing stored), then stored in the background when the superuser confirms; all or
nothing, as ``import_regions`` itself. A whole-country file takes longer to check and to store
than a web request may last."""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.core import jobs
from kring.core.jobs import JobStatus

from .models import RegionImport
from .services import import_regions

logger = logging.getLogger(__name__)

# More errors than this are counted, not kept: the first ones are what a user fixes first.
MAX_ERRORS = 200


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
    from .tasks import run_region_import_task

    run_region_import_task.enqueue(job.pk)


def _keep() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.KRING_IMPORT_KEEP_HOURS)


def _progress_file(job_id: int) -> Path:
    return Path(settings.KRING_IMPORT_ROOT) / "regions" / f"progress-{job_id}.txt"


def run_region_job(*, job_id: int) -> None:
    """The check or the store of one upload, with progress; the file goes once it is stored or
    refused (a checked file waits for the superuser)."""
    job = RegionImport.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return
    jobs.mark_running(RegionImport, job_id)
    path = _progress_file(job_id)
    try:
        source = job.file.open("rb")
    except (FileNotFoundError, ValueError):
        errors = [_("Het bestand is er niet meer: Kring wist het na een dag. Kies het opnieuw.")]
        _finish(job, status=JobStatus.REFUSED, errors=errors, error_count=1)
        return
    try:
        with source:
            result = import_regions(
                features=source,
                year=job.year,
                sample=job.sample,
                dry_run=job.dry_run,
                progress=jobs.percent_reporter(path),
            )
    except Exception:
        logger.exception("regions upload %s failed", job_id)
        _finish(job, status=JobStatus.FAILED)
        return
    finally:
        jobs.clear_progress(path)
    counts = {
        level: {
            "created": getattr(result, level).created,
            "updated": getattr(result, level).updated,
        }
        for level in ("municipalities", "districts", "neighbourhoods")
    }
    _finish(
        job,
        status=JobStatus.DONE if result.ok else JobStatus.REFUSED,
        counts=counts,
        errors=result.errors[:MAX_ERRORS],
        error_count=len(result.errors),
    )
    logger.info(
        "regions upload %s %s: %s errors, %s",
        job_id,
        "checked" if job.dry_run else "stored",
        len(result.errors),
        counts,
    )


def _finish(job: RegionImport, *, status: str, **values) -> None:
    jobs.mark_finished(RegionImport, job.pk, status=status, **values)
    if status != JobStatus.DONE or not job.dry_run:
        _remove_file(job)


def _remove_file(job: RegionImport) -> None:
    if job.file:
        job.file.delete(save=False)
        RegionImport.objects.filter(pk=job.pk).update(file="")


def progress_of(job: RegionImport) -> RegionImport:
    """The job with the progress of a running check or store filled in."""
    if job.status == JobStatus.RUNNING:
        job.progress = max(1, jobs.read_progress(_progress_file(job.pk)))
    return job


def purge_old_region_uploads(*, now=None, dry_run: bool = False) -> int:
    """Uploads (and their error lists, which quote the file) older than
    KRING_IMPORT_KEEP_HOURS go; returns how many. Every upload does this, and so does the daily
    retention run."""
    old = jobs.older_than(RegionImport.objects.all(), settings.KRING_IMPORT_KEEP_HOURS, now=now)
    return jobs.delete_jobs_and_files(old, dry_run=dry_run)

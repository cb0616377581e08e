"""The work of the background task (``kring.geo.tasks.run_region_import_task``): checking or
storing one uploaded CBS file (``uploads`` starts it), with progress and the file removed when
it is no longer needed."""

import logging
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from kring.core import jobs
from kring.core.jobs import JobStatus

from .models import RegionImport
from .services import import_regions

logger = logging.getLogger(__name__)

# More errors than this are counted, not kept: the first ones are what a user fixes first.
MAX_ERRORS = 200


def progress_file(job_id: int) -> Path:
    return Path(settings.KRING_IMPORT_ROOT) / "regions" / f"progress-{job_id}.txt"


def run_region_job(*, job_id: int) -> None:
    """The check or the store of one upload, with progress; the file goes once it is stored or
    refused (a checked file waits for the superuser)."""
    job = RegionImport.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return
    jobs.mark_running(RegionImport, job_id)
    path = progress_file(job_id)
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

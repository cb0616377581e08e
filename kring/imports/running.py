"""The run of an import (at once, or by the background task
``kring.imports.tasks.run_import_task``): the all-or-nothing engine over the stored file, its
progress in a small file beside the upload, and the file removed when no longer needed."""

import logging
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from kring.core import jobs

from . import engine, reading
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)


def open_file(job: ImportJob):
    """The stored file, or UnreadableFile when it was deleted meanwhile (after a day)."""
    try:
        return job.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise reading.UnreadableFile(
            _("Het bestand is er niet meer: Kring wist het na een dag. Laad het opnieuw.")
        ) from None


def run_job(*, job_id: int, user) -> None:
    """Run the import of a job, write its progress and outcome, and remove the file when it
    is no longer needed (after success; a refused file stays for a new try until purged)."""
    job = ImportJob.objects.select_related("collective").get(pk=job_id)
    jobs.mark_running(ImportJob, job_id)

    def progress(rows: int) -> None:
        # The import's transaction hides its own writes until the end (and SQLite has one
        # writer), so progress goes to a small file beside the upload that pages can read.
        write_progress(job, rows)

    try:
        with open_file(job) as binary:
            outcome = engine.run(job, binary, user=user, progress=progress)
    except reading.UnreadableFile as error:
        outcome = engine.Outcome(error_count=1)
        outcome.errors = [engine.RowError(1, "", str(error))]
    except Exception:
        logger.exception("import %s failed", job_id)
        progress_file(job).unlink(missing_ok=True)
        jobs.mark_failed(ImportJob, job_id)
        return
    jobs.mark_finished(
        ImportJob,
        job_id,
        status=ImportStatus.DONE if outcome.ok else ImportStatus.REFUSED,
        rows_done=outcome.rows,
        errors=[e.as_dict() for e in outcome.errors],
        error_count=outcome.error_count,
        created_counts=outcome.counts,
    )
    progress_file(job).unlink(missing_ok=True)
    if outcome.ok:
        remove_file(job)


def progress_file(job: ImportJob) -> Path:
    return Path(settings.KRING_IMPORT_ROOT) / f"progress-{job.pk}.txt"


def write_progress(job: ImportJob, rows: int) -> None:
    jobs.write_progress(progress_file(job), rows)


def remove_file(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")

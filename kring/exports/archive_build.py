"""The work of the background task (``kring.exports.tasks.build_archive_task``): writing one
moving archive (``archive_jobs`` asks for it) into private storage, with progress."""

import logging
import secrets
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from kring.core import jobs
from kring.core.jobs import JobStatus

from . import archive
from .models import ArchiveJob, archive_storage

logger = logging.getLogger(__name__)


def progress_file(job_id: int) -> Path:
    return Path(settings.KRING_ARCHIVE_ROOT) / f"progress-{job_id}.txt"


def run_archive_job(*, job_id: int) -> None:
    job = ArchiveJob.objects.select_related("collective").filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return
    jobs.mark_running(ArchiveJob, job_id)
    # A random name: nobody finds the file by guessing, even if the folder were served.
    name = f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}.zip"
    path = Path(archive_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    progress_path = progress_file(job_id)
    try:
        manifest = archive.export_collective(
            job.collective, path, progress=jobs.percent_reporter(progress_path)
        )
    except Exception:
        logger.exception("moving archive %s failed", job_id)
        path.unlink(missing_ok=True)
        path.with_name(path.name + ".partial").unlink(missing_ok=True)
        jobs.mark_failed(ArchiveJob, job_id)
        return
    finally:
        jobs.clear_progress(progress_path)
    done = jobs.mark_finished(
        ArchiveJob,
        job_id,
        file=name,
        size=path.stat().st_size,
        rows=sum(manifest["counts"].values()),
        files=len(manifest["files"]),
    )
    if not done:
        # The job was withdrawn while the archive was written (a resident was erased): the
        # archive may hold them, so it is not kept.
        path.unlink(missing_ok=True)

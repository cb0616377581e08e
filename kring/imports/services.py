"""Every change an import makes: upload, choose columns, run (at once or in the background),
and removing uploaded files as soon as they are no longer needed."""

import datetime

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.core import audit, jobs

from . import engine, reading
from .fields import guess_mapping
from .models import ImportJob, ImportStatus
from .running import open_file, progress_file, remove_file, run_job
from .tasks import run_import_task


def _check_role(access: CollectiveAccess) -> None:
    if not access.is_builder:
        raise PermissionError("only buurtmakers and admins import")


def upload(*, access: CollectiveAccess, kind: str, uploaded) -> ImportJob:
    """Read the header of an uploaded file, count its rows and keep it for the next steps.
    Raises reading.UnreadableFile (a Dutch message) when it is not a table Kring reads."""
    _check_role(access)
    purge_old_imports()
    info = reading.inspect(uploaded, getattr(uploaded, "name", ""))
    count = reading.count_rows(uploaded, info)
    name = (getattr(uploaded, "name", "") or "bestand").replace("\x00", "")[-200:]
    with transaction.atomic():
        job = ImportJob(
            collective=access.collective,
            kind=kind,
            original_name=name,
            file_format=info.file_format,
            encoding=info.encoding,
            delimiter=info.delimiter,
            header=info.header,
            row_count=count,
            mapping=guess_mapping(kind, info.header),
            created_by=access.user,
        )
        uploaded.seek(0)
        # The stored name says nothing about the person or the original file.
        job.file.save(f"import.{info.file_format}", File(uploaded), save=False)
        audit.save_and_record(
            job,
            access=access,
            action=audit.Action.CREATE,
            summary=f"import file uploaded: {kind}, {count} rows",
        )
    return job


@transaction.atomic
def set_mapping(*, access: CollectiveAccess, job: ImportJob, mapping: dict[str, int]) -> None:
    _check_role(access)
    if job.collective_id != access.collective.pk:
        raise ValueError("import belongs to another collective")
    job.mapping = mapping
    job.status = ImportStatus.MAPPED
    job.save(update_fields=["mapping", "status"])


def preview(job: ImportJob) -> engine.Outcome:
    """The first rows as they will be stored and the errors: of the whole file when it is
    small enough to import at once, else of its first rows."""
    limit = None if job.row_count <= settings.KRING_IMPORT_BACKGROUND_ROWS else 1000
    with open_file(job) as binary:
        return engine.check(job, binary, limit=limit)


def runs_in_background(job: ImportJob) -> bool:
    return job.row_count > settings.KRING_IMPORT_BACKGROUND_ROWS


def start_import(*, access: CollectiveAccess, job: ImportJob) -> ImportJob:
    """Import a small file at once; hand a big one to the background worker."""
    _check_role(access)
    if job.collective_id != access.collective.pk:
        raise ValueError("import belongs to another collective")
    updated = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.MAPPED, ImportStatus.REFUSED]
    ).update(status=ImportStatus.QUEUED, progress=0, rows_done=0)
    if not updated:
        return job  # already running or done: a second click changes nothing
    if runs_in_background(job):
        run_import_task.enqueue(job.pk, access.user.pk)
    else:
        run_job(job_id=job.pk, user=access.user)
    job.refresh_from_db()
    return job


def progress_of(job: ImportJob) -> ImportJob:
    """The job with ``rows_done`` and ``progress`` of a running import filled in."""
    if job.status == ImportStatus.RUNNING:
        rows = jobs.read_progress(progress_file(job))
        job.rows_done = rows
        job.progress = max(1, min(99, rows * 100 // max(job.row_count, 1)))
    return job


@transaction.atomic
def discard(*, access: CollectiveAccess, job: ImportJob) -> None:
    """The user stops: the file goes at once."""
    _check_role(access)
    if job.is_running:
        return
    remove_file(job)
    job.delete()


def purge_old_imports(*, now=None, dry_run: bool = False) -> int:
    """Delete files (and the error lists, which quote cells) of imports older than
    KRING_IMPORT_KEEP_HOURS that are not running; returns how many imports were cleaned."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.KRING_IMPORT_KEEP_HOURS)
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(status__in=jobs.ACTIVE)
    stale = old.exclude(file="", errors=[])
    if dry_run:
        return stale.count()
    cleaned = 0
    for job in stale.only("pk", "file"):
        remove_file(job)
        cleaned += 1
    old.exclude(errors=[]).update(errors=[])
    # Imports that never ran hold nothing worth keeping.
    old.filter(status__in=[ImportStatus.UPLOADED, ImportStatus.MAPPED]).delete()
    return cleaned

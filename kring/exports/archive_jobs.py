"""The moving archive asked for on the export page: made by the background worker (a large
collective takes longer than a web request may last) into private storage, downloaded by the
collective's admins, every download in the audit log, removed after KRING_ARCHIVE_KEEP_HOURS."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.core import audit, jobs
from kring.core.jobs import JobStatus

from .archive_build import progress_file
from .models import ArchiveJob, archive_storage
from .tasks import build_archive_task


def _check_admin(access: CollectiveAccess) -> None:
    if not access.is_admin:
        raise PermissionError("only a collective's admins make its moving archive")


def start_archive(*, access: CollectiveAccess) -> ArchiveJob:
    """Have the worker make the archive; an archive already being made is reused."""
    _check_admin(access)
    purge_old_archives()
    with transaction.atomic():
        running = (
            ArchiveJob.objects.select_for_update()
            .filter(
                collective=access.collective,
                status__in=jobs.ACTIVE,
                created_at__gte=timezone.now() - _keep(),
            )
            .first()
        )
        if running is not None:
            return running
        job = ArchiveJob.objects.create(collective=access.collective, created_by=access.user)
    build_archive_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _keep() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.KRING_ARCHIVE_KEEP_HOURS)


def progress_of(job: ArchiveJob) -> ArchiveJob:
    if job.status == JobStatus.RUNNING:
        job.progress = max(1, jobs.read_progress(progress_file(job.pk)))
    return job


def archive_job(access: CollectiveAccess, pk: int) -> ArchiveJob:
    """404 for an archive of another collective, as if it did not exist."""
    _check_admin(access)
    return get_object_or_404(ArchiveJob, pk=pk, collective=access.collective)


def recent_archives(access: CollectiveAccess, limit: int = 3):
    """The latest archives still kept, for the export page."""
    return ArchiveJob.objects.filter(
        collective=access.collective, created_at__gte=timezone.now() - _keep()
    ).select_related("created_by")[:limit]


def downloadable(job: ArchiveJob) -> bool:
    return job.ready and job.created_at >= timezone.now() - _keep()


def open_for_download(*, access: CollectiveAccess, job: ArchiveJob):
    """The archive's file, opened; the download is written to the audit log, as each one is."""
    _check_admin(access)
    if job.collective_id != access.collective.pk:
        raise ValueError("archive belongs to another collective")
    stream = job.file.open("rb")
    audit.record(
        access=access,
        action=audit.Action.EXPORT,
        target=access.collective,
        summary=f"verhuisarchief: {job.rows} rijen, {job.files} bestanden",
    )
    return stream


def withdraw_archives(*, collective_id: int) -> int:
    """Every archive of the collective, made or being made, goes: after an erasure none may
    still hold the erased resident. Files are removed once the erasure has been committed."""
    archives = list(ArchiveJob.objects.filter(collective_id=collective_id).only("pk", "file"))
    names = [job.file.name for job in archives if job.file]
    ArchiveJob.objects.filter(pk__in=[job.pk for job in archives]).delete()
    if names:
        transaction.on_commit(lambda: [archive_storage.delete(name) for name in names])
    return len(archives)


def purge_old_archives(*, now=None, dry_run: bool = False) -> int:
    """Archives older than KRING_ARCHIVE_KEEP_HOURS go with their files; returns how many.
    Run by the daily retention and whenever an admin asks for a new archive."""
    old = jobs.older_than(ArchiveJob.objects.all(), settings.KRING_ARCHIVE_KEEP_HOURS, now=now)
    count = jobs.delete_jobs_and_files(old, dry_run=dry_run)
    if not dry_run:
        _remove_orphans(now or timezone.now())
    return count


def _remove_orphans(now) -> None:
    """Archives whose job is gone (the collective was deleted, or a worker died while writing)
    still hold every resident: they go too once past their hours."""
    root = Path(settings.KRING_ARCHIVE_ROOT)
    if not root.exists():
        return
    known = {
        str(Path(archive_storage.path(name)))
        for name in ArchiveJob.objects.exclude(file="").values_list("file", flat=True)
    }
    cutoff = (now - _keep()).timestamp()
    for path in [*root.rglob("*.zip"), *root.rglob("*.zip.partial")]:
        if str(path) not in known and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)

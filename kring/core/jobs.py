"""What every background job shares: a status a page can show, progress written where other
processes can read it, private file storage outside MEDIA_ROOT, and removing old files.

Every job builds on ``BackgroundJob``: the imports of residents and gifts, the CBS regions import
in the admin site, the moving archive of a collective, the network analysis and the report for
the council. The work itself runs as a django-tasks task (``db_worker``, or
at once with ``KRING_TASKS_IMMEDIATE``)."""

import datetime
import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Files that hold personal or unchecked data live under a folder named by a setting, never
    under MEDIA_ROOT (which a web server may serve). The setting is read at each use, so tests
    and installations can move it."""

    def __init__(self, setting: str, subfolder: str = ""):
        self.setting, self.subfolder = setting, subfolder
        super().__init__()

    def deconstruct(self):
        return (f"{__name__}.PrivateStorage", (self.setting, self.subfolder), {})

    @property
    def base_location(self):
        return Path(getattr(settings, self.setting)) / self.subfolder

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class JobStatus(models.TextChoices):
    """The one status list of every background job. A job with steps before it is queued
    extends it with ``job_status``; these values never change, so every job is filtered and
    cleaned up alike."""

    QUEUED = "wacht", _("wacht op zijn beurt")
    RUNNING = "bezig", _("bezig")
    DONE = "klaar", _("klaar")
    REFUSED = "fouten", _("niet opgeslagen: er zijn fouten")
    FAILED = "mislukt", _("mislukt")


# A job in one of these has not ended yet; one in FINISHED has.
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
FINISHED = (JobStatus.DONE, JobStatus.REFUSED, JobStatus.FAILED)


def job_status(name: str, *, steps=(), labels=None, module: str | None = None):
    """A job's own status list: ``steps`` (``(NAME, value, label)``, the steps before the job is
    queued, such as an import that waits for its columns) followed by every status of
    ``JobStatus`` with its value; ``labels`` may word a status for this job ("wordt ingelezen")."""
    labels = labels or {}
    members = [(key, (value, label)) for key, value, label in steps]
    members += [(s.name, (s.value, labels.get(s.name, s.label))) for s in JobStatus]
    return models.TextChoices(name, members, module=module)


class BackgroundJob(models.Model):
    """A job's status and progress, for its progress page. Subclasses add what the job is
    about and its result; a job with its own status list (``job_status``) overrides ``status``
    with those choices."""

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (procent)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_running(self) -> bool:
        return self.status in ACTIVE

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


# --- A job's steps --------------------------------------------------------------------------
# Written with an update of the one row, not ``save()``: the page and the worker may both hold
# the job, and a step must not write back what the other changed.


def mark_running(model, pk: int, **values) -> int:
    """The job has started: its page shows a bar from now on. Returns the rows changed."""
    return model.objects.filter(pk=pk).update(status=JobStatus.RUNNING, progress=1, **values)


def mark_failed(model, pk: int) -> int:
    """The job broke off (the cause goes to the log); its page says it failed."""
    return model.objects.filter(pk=pk).update(status=JobStatus.FAILED, finished_at=timezone.now())


def mark_finished(model, pk: int, *, status: str = JobStatus.DONE, **values) -> int:
    """The job ran to its end (``status`` says how) and stores its result in ``values``.
    Returns the rows changed: 0 when the job was withdrawn meanwhile."""
    return model.objects.filter(pk=pk).update(
        status=status, progress=100, finished_at=timezone.now(), **values
    )


# --- Progress -----------------------------------------------------------------------------
# A job's work often runs in one transaction (all or nothing, or a consistent snapshot), which
# hides its own writes from the page that asks until the end (and SQLite has one writer). So
# progress goes to a small file that any process can read.


def write_progress(path: Path, value: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(str(int(value)))
    os.replace(temporary, path)  # atomic: a reader never sees half a number


def read_progress(path: Path) -> int:
    try:
        return int(path.read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def clear_progress(path: Path) -> None:
    path.unlink(missing_ok=True)


def percent_reporter(path: Path):
    """A callback ``progress(share)`` (0.0–1.0) that writes a whole percentage between 1 and
    99, and only when it changed (a million rows need not write a million files)."""
    last = [-1]

    def report(share: float) -> None:
        percent = max(1, min(99, int(share * 100)))
        if percent != last[0]:
            last[0] = percent
            write_progress(path, percent)

    return report


# --- Removing old files -------------------------------------------------------------------


def older_than(queryset, hours: int, *, now=None):
    """Jobs of a queryset started more than ``hours`` ago and finished; one still "running"
    after twice that long lost its worker and goes too."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=hours)
    stuck = cutoff - datetime.timedelta(hours=hours)
    running = Q(status__in=ACTIVE)
    return queryset.filter(created_at__lt=cutoff).filter(~running | Q(created_at__lt=stuck))


def delete_jobs_and_files(queryset, *, file_field: str = "file", dry_run: bool = False) -> int:
    """Delete the jobs and their stored files; returns how many jobs."""
    if dry_run:
        return queryset.count()
    count = 0
    for job in queryset.only("pk", file_field):
        stored = getattr(job, file_field)
        if stored:
            stored.delete(save=False)
        job.delete()
        count += 1
    return count


# --- Work that repeats --------------------------------------------------------------------


def enqueue_again(task, *, after: datetime.timedelta) -> bool:
    """Periodic work in the worker: a task that ends by calling this runs again ``after`` later,
    unless a run of it is already waiting (so starting it twice, or from cron, does not double
    it). Backends that cannot run a task later (the immediate backend of the tests and of a demo
    without a worker) do not repeat. Returns whether a next run was enqueued."""
    backend = task.get_backend()
    if not backend.supports_defer:
        return False
    if waiting(task):
        return False
    task.using(run_after=timezone.now() + after).enqueue()
    return True


def waiting(task) -> bool:
    """Whether a run of the task waits in the database queue (not yet started)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task.get_backend(), DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(task_path=task.module_path, status="READY").exists()

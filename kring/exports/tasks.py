"""Background work: the moving archive of a collective, made outside the web request."""

from django_tasks import task

from .archive_build import run_archive_job


@task()
def build_archive_task(job_id: int) -> None:
    run_archive_job(job_id=job_id)

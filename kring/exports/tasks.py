"""Background work: the moving archive of a collective, made outside the web request."""

from django_tasks import task


@task()
def build_archive_task(job_id: int) -> None:
    from .archive_jobs import run_archive_job

    run_archive_job(job_id=job_id)

"""Background work: checking and storing a CBS file uploaded in the admin site."""

from django_tasks import task

from .region_job import run_region_job


@task()
def run_region_import_task(job_id: int) -> None:
    run_region_job(job_id=job_id)

"""Background work: checking and storing a CBS file uploaded in the admin site."""

from django_tasks import task


@task()
def run_region_import_task(job_id: int) -> None:
    from .uploads import run_region_job

    run_region_job(job_id=job_id)

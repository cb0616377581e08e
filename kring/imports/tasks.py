"""Background work: a big import runs outside the web request (``manage.py db_worker``),
writing its progress so the page can show it."""

from django.contrib.auth import get_user_model
from django_tasks import task

from .running import run_job


@task()
def run_import_task(job_id: int, user_id: int) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    run_job(job_id=job_id, user=user)

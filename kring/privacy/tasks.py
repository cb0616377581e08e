from django_tasks import task

from .retention import apply_retention


@task()
def apply_retention_task() -> dict:
    """The daily retention run in the background worker (enqueued by
    `manage.py apply_retention --enqueue`, e.g. from cron)."""
    result = apply_retention()
    return {kind: count for kind, count, _period in result.lines()}

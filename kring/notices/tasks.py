from datetime import timedelta

from django.conf import settings
from django_tasks import task

from kring.core.jobs import enqueue_again

from . import services


@task()
def prepare_notices_task(need_ids: list[int] = (), ask_ids: list[int] = ()) -> dict:
    """New needs, or neighbours' standalone asks: find the residents they fit, then send what
    is due ("meteen" at once)."""
    found = services.prepare_notices(need_ids=need_ids, ask_ids=ask_ids)
    return {"found": found, **services.send_due()}


@task()
def send_notices_task() -> dict:
    """The periodic run (started once by `manage.py send_notices --enqueue`): digests that are
    due, and the follow-up questions of connections; repeats every
    KRING_NOTICES_INTERVAL_MINUTES."""
    result = {**services.send_due(), **services.ask_followups()}
    enqueue_again(
        send_notices_task, after=timedelta(minutes=settings.KRING_NOTICES_INTERVAL_MINUTES)
    )
    return result

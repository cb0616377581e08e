from datetime import timedelta

from django.conf import settings
from django_tasks import task

from kring.core.jobs import enqueue_again

from .anchors import anchor_now
from .retention import apply_retention


@task()
def apply_retention_task() -> dict:
    """The daily retention run in the background worker (enqueued by
    `manage.py apply_retention --enqueue`, e.g. from cron)."""
    result = apply_retention()
    return {kind: count for kind, count, _period in result.lines()}


@task()
def anchor_audit_chains_task() -> dict:
    """Write the audit chains' heads outside the database, then again every
    KRING_AUDIT_ANCHOR_MINUTES (started once by `manage.py anchor_audit_chain --enqueue`)."""
    anchor, findings = anchor_now(reason="interval")
    enqueue_again(
        anchor_audit_chains_task, after=timedelta(minutes=settings.KRING_AUDIT_ANCHOR_MINUTES)
    )
    return {"chains": len(anchor["chains"]), "written": not findings}

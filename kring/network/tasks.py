"""Background work: the network analysis runs outside the web request (``manage.py db_worker``),
writing its progress so the page can show it."""

import logging

from django_tasks import task

from kring.core import jobs

from .models import NetworkAnalysis

logger = logging.getLogger(__name__)


@task()
def analyse_network(analysis_id: int) -> None:
    # why: the analysis loads igraph (over a second at start); the web processes, which
    # import this module to queue the task, never need it.
    from . import analysis as work

    record = NetworkAnalysis.objects.select_related("collective").filter(pk=analysis_id).first()
    if record is None:
        return
    jobs.mark_running(NetworkAnalysis, analysis_id, step="graph")

    def progress(share: float, step: str) -> None:
        NetworkAnalysis.objects.filter(pk=analysis_id).update(
            progress=max(1, min(99, round(share * 100))), step=step
        )

    try:
        result = work.run(
            record.collective,
            as_of=record.as_of,
            compare_from=record.compare_from,
            progress=progress,
        )
    except Exception:
        logger.exception("network analysis %s failed", analysis_id)
        jobs.mark_failed(NetworkAnalysis, analysis_id)
        return
    jobs.mark_finished(NetworkAnalysis, analysis_id, step="done", result=result)

"""Background work: the council report is made outside the web request, writing its
progress so the page can show it; and the municipality figures are made and kept
(``prepared``) when what a gemeente sees changes, so its users do not wait for that work."""

import logging
import secrets

from django.core.files.base import ContentFile
from django_tasks import task

from kring.core import jobs
from kring.core.jobs import JobStatus

from . import dashboard, reports, selectors
from .models import ImpactReport

# The figures' background work lives beside the kept figures it makes (``prepared``); named
# here too, where the other apps and earlier queued tasks look for it.
from .prepared import (
    PREPARE_DELAY,
    changed_key,
    prepare_after_change,
    prepare_after_sharing,
    prepare_figures,
    request_prepare,
)

__all__ = [
    "PREPARE_DELAY",
    "changed_key",
    "make_report",
    "prepare_after_change",
    "prepare_after_sharing",
    "prepare_figures",
    "request_prepare",
]

logger = logging.getLogger(__name__)


@task()
def make_report(report_id: int) -> None:
    record = (
        ImpactReport.objects.select_related("created_by", "municipality")
        .filter(pk=report_id)
        .first()
    )
    if record is None:
        return

    def progress(percent: int, step: str) -> None:
        ImpactReport.objects.filter(pk=report_id).update(
            status=JobStatus.RUNNING, progress=percent, step=step
        )

    try:
        progress(5, "cijfers")
        user = record.created_by
        if user is None or user.municipality_id != record.municipality_id:
            raise PermissionError("the report's requester no longer works for this gemeente")
        context = dashboard.build(user=user, year=record.year, compare=record.year - 1)
        progress(40, "pdf")
        stories = selectors.shared_stories(record.municipality)
        # A random part: MEDIA may be served by the web server, and a guessable name would
        # let anyone fetch the gemeente's report without the access check of the download.
        name = f"kring-{record.municipality.code}-{record.year}-{secrets.token_hex(12)}"
        record.pdf.save(f"{name}.pdf", ContentFile(reports.as_pdf(context, stories)), save=False)
        progress(75, "xlsx")
        record.xlsx.save(f"{name}.xlsx", ContentFile(reports.as_xlsx(context)), save=False)
        progress(90, "csv")
        record.csv.save(f"{name}.csv", ContentFile(reports.as_csv(context)), save=False)
    except Exception:
        logger.exception("impact report %s failed", report_id)
        jobs.mark_failed(ImpactReport, report_id)
        return
    jobs.mark_finished(
        ImpactReport,
        report_id,
        step="klaar",
        pdf=record.pdf.name,
        xlsx=record.xlsx.name,
        csv=record.csv.name,
    )

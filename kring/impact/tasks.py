"""Background work: the council report is made outside the web request, writing its
progress so the page can show it."""

import logging
import secrets

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from .models import ImpactReport, ReportStatus

logger = logging.getLogger(__name__)


@task()
def make_report(report_id: int) -> None:
    from . import dashboard, reports, selectors

    record = (
        ImpactReport.objects.select_related("requested_by", "municipality")
        .filter(pk=report_id)
        .first()
    )
    if record is None:
        return

    def progress(percent: int, step: str) -> None:
        ImpactReport.objects.filter(pk=report_id).update(
            status=ReportStatus.RUNNING, progress=percent, step=step
        )

    try:
        progress(5, "cijfers")
        user = record.requested_by
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
        ImpactReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, finished_at=timezone.now()
        )
        return
    ImpactReport.objects.filter(pk=report_id).update(
        status=ReportStatus.DONE,
        progress=100,
        step="klaar",
        pdf=record.pdf.name,
        xlsx=record.xlsx.name,
        csv=record.csv.name,
        finished_at=timezone.now(),
    )

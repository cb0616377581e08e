"""Background work: the council report is made outside the web request, writing its
progress so the page can show it; and the municipality figures are prepared (counts and
suppression patterns kept in ``FigureStore``) when what a gemeente sees changes, so its
users do not wait for that work."""

import datetime
import logging
import secrets

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from kring.core import jobs
from kring.core.jobs import JobStatus
from kring.geo.models import Municipality

from . import aggregates, dashboard, reports, selectors
from .forms import year_choices
from .models import ImpactReport, SharingChoice

logger = logging.getLogger(__name__)

# After a change of data, wait this long before preparing: the changes of the next minute
# (an evening of entering residents) are then prepared in one go.
PREPARE_DELAY = datetime.timedelta(seconds=60)


@task()
def prepare_figures(municipality_id: int, years: list[int] | None = None) -> None:
    """Make and keep the gemeente's counts and suppression patterns for ``years`` (this year
    and last year when not given): the first dashboard visit then finds them."""

    municipality = Municipality.objects.filter(pk=municipality_id).defer("boundary").first()
    if municipality is None:
        return
    for year in years or year_choices()[:2]:
        aggregates.prepare(municipality=municipality, year=year)


def prepare_after_sharing(municipality_id: int) -> None:
    """What a collective shares with this gemeente changed (a start, a change or a
    withdrawal): every table of the gemeente changes, so prepare them once it is saved."""
    transaction.on_commit(lambda: prepare_figures.enqueue(municipality_id))


def prepare_after_change(collective_id: int) -> None:
    """A counted record of this collective changed: prepare the figures of the gemeenten it
    shares with, at most once per ``PREPARE_DELAY`` and collective. Only with a background
    worker: run in the request (the immediate backend) it would slow every save, and the next
    question counts the one collective anyway."""
    if not collective_id or not default_task_backend.supports_defer:
        return
    if not cache.add(f"impact:prepare:{collective_id}", 1, PREPARE_DELAY.total_seconds()):
        return
    municipalities = [
        m
        for m, groups in SharingChoice.objects.filter(collective_id=collective_id).values_list(
            "municipality_id", "groups"
        )
        if groups
    ]
    if not municipalities:
        return
    run_after = timezone.now() + PREPARE_DELAY

    def enqueue():
        for municipality_id in municipalities:
            prepare_figures.using(run_after=run_after).enqueue(municipality_id)

    transaction.on_commit(enqueue)


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

"""Background work: the council report is made outside the web request, writing its
progress so the page can show it; and the municipality figures are made and kept
(``prepared``) when what a gemeente sees changes, so its users do not wait for that work."""

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

from .models import ImpactReport, SharingChoice

logger = logging.getLogger(__name__)

# After a change of data, wait this long before making new figures: the changes of the next
# half minute (an evening of entering residents) are then made in one go.
PREPARE_DELAY = datetime.timedelta(seconds=30)
# A request for new figures waits at most this long for its task to start; then another may
# be asked for (a worker that died, a task that was lost).
PENDING_SECONDS = 600
# Which gemeenten a collective shares with, remembered this long for its changes.
SHARES_SECONDS = 60
# The time of a gemeente's last announced change is kept this long (then its fingerprints
# tell, as they do when the cache lost it).
CHANGED_SECONDS = 24 * 3600


def default_years() -> list[int]:
    """The years a gemeente asks first: this year and last year."""
    from .forms import year_choices

    return year_choices()[:2]


@task()
def prepare_figures(municipality_id: int, years: list[int] | None = None) -> None:
    """Make and keep the gemeente's figures for ``years`` (this year, last year and every
    year kept before when not given): the dashboard then answers from them at once."""

    from . import prepared

    municipality = Municipality.objects.filter(pk=municipality_id).defer("boundary").first()
    if municipality is None:
        return
    asked = ["all"] if years is None else years
    years = years or sorted(
        set(default_years()) | set(prepared.prepared_years(municipality_id)), reverse=True
    )
    # From now on a change is not in what this task reads for sure: it may ask again.
    cache.delete_many([_pending(municipality_id, y) for y in asked])
    for year in years:
        prepared.prepare(municipality=municipality, year=year)


def _pending(municipality_id: int, year) -> str:
    return f"impact:prepare-pending:{municipality_id}:{year}"


def request_prepare(
    municipality_id: int, year: int | None = None, *, delay: datetime.timedelta = PREPARE_DELAY
) -> None:
    """Have the worker make the gemeente's figures anew (of one year; without a year, of the
    years ``prepare_figures`` makes), once for any number of requests while its task waits to
    start (the task forgets the request when it starts, so a change after that asks again).
    Only with a background worker: run in the request (the immediate backend) it would slow
    every save, and the dashboard then counts in the request."""
    if not default_task_backend.supports_defer:
        return
    if year in default_years():
        year = None  # those are made by every task of the gemeente

    def enqueue():
        if not cache.add(_pending(municipality_id, year or "all"), 1, PENDING_SECONDS):
            return
        task = prepare_figures.using(run_after=timezone.now() + delay) if delay else prepare_figures
        task.enqueue(municipality_id, *([] if year is None else [[year]]))

    # Once what asks is saved (at once outside a transaction): a request rolled back asks
    # nothing, and holds back no later one.
    transaction.on_commit(enqueue)


def prepare_after_sharing(municipality_id: int, collective_id: int | None = None) -> None:
    """What a collective shares with this gemeente changed (a start, a change or a
    withdrawal): every table of the gemeente changes, so prepare them once it is saved."""

    def enqueue():
        if collective_id:
            cache.delete(_shares_key(collective_id))
        prepare_figures.enqueue(municipality_id)

    transaction.on_commit(enqueue)


def _shares_key(collective_id: int) -> str:
    return f"impact:shares-of:{collective_id}"


def prepare_after_change(collective_id: int) -> None:
    """A counted record of this collective changed: once it is saved, have the worker make
    new figures for the gemeenten it shares with, ``PREPARE_DELAY`` from now, one task for
    all the changes until that task starts."""
    if not collective_id or not default_task_backend.supports_defer:
        return
    transaction.on_commit(lambda: _after_change(collective_id))


def _after_change(collective_id: int) -> None:
    municipalities = cache.get(_shares_key(collective_id))
    if municipalities is None:
        municipalities = [
            m
            for m, groups in SharingChoice.objects.filter(collective_id=collective_id).values_list(
                "municipality_id", "groups"
            )
            if groups
        ]
        cache.set(_shares_key(collective_id), municipalities, SHARES_SECONDS)
    now = timezone.now().timestamp()
    for municipality_id in municipalities:
        # The dashboard sees at once that its kept figures are older (``prepared.answer``).
        cache.set(changed_key(municipality_id), now, CHANGED_SECONDS)
        request_prepare(municipality_id)


def changed_key(municipality_id: int) -> str:
    return f"impact:changed:{municipality_id}"


@task()
def make_report(report_id: int) -> None:
    from . import dashboard, reports, selectors

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

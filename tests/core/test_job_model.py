"""Every background job builds on one model with one status list, and the migrations that made
them do so keep the rows that were there."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kring.core.jobs import ACTIVE, FINISHED, BackgroundJob, JobStatus
from kring.imports.models import ImportJob, ImportStatus
from tests.factories import CollectiveFactory, MunicipalityFactory, UserFactory


def _job_like_models():
    """Models with a status and a progress: what a job looks like, whatever it builds on."""
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        if {"status", "progress"} <= names:
            yield model


def test_every_job_builds_on_background_job_and_shares_its_status_values():
    found = list(_job_like_models())
    assert {m.__name__ for m in found} >= {
        "ImportJob",
        "NetworkAnalysis",
        "ImpactReport",
        "ArchiveJob",
        "RegionImport",
    }
    for model in found:
        assert issubclass(model, BackgroundJob), model
        values = {value for value, _label in model._meta.get_field("status").choices}
        assert set(JobStatus.values) <= values, model


def test_an_import_extends_the_list_with_the_steps_before_it_is_queued():
    assert ImportStatus.values == ["geladen", "gekoppeld", *JobStatus.values]
    assert ImportStatus.QUEUED == JobStatus.QUEUED and ImportStatus.DONE == JobStatus.DONE
    assert str(ImportStatus.DONE.label) == "klaar: alles is opgeslagen"
    assert str(ImportStatus.FAILED.label) == str(JobStatus.FAILED.label)
    # Waiting for its columns, an import is neither running nor finished.
    for status, running, finished in [
        (ImportStatus.UPLOADED, False, False),
        (ImportStatus.MAPPED, False, False),
        *[(s, True, False) for s in ACTIVE],
        *[(s, False, True) for s in FINISHED],
    ]:
        job = ImportJob(status=status)
        assert (job.is_running, job.is_finished) == (running, finished), status


BEFORE = [
    ("network", "0001_initial"),
    ("impact", "0007_edit_versions"),
    ("imports", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)
def test_the_migrations_keep_every_job_its_status_and_who_asked():
    collective = CollectiveFactory()
    municipality = MunicipalityFactory()
    asker = UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Analysis = old.get_model("network", "NetworkAnalysis")
    Report = old.get_model("impact", "ImpactReport")
    Import = old.get_model("imports", "ImportJob")
    today = datetime.date(2026, 11, 2)
    analyses = {
        status: Analysis.objects.create(
            collective_id=collective.pk, as_of=today, status=status, requested_by_id=asker.pk
        ).pk
        for status in ("wacht", "bezig", "klaar", "mislukt")
    }
    reports = {
        status: Report.objects.create(
            municipality_id=municipality.pk, year=2026, status=status, requested_by_id=asker.pk
        ).pk
        for status in ("wacht", "bezig", "klaar", "mislukt")
    }
    imports = {
        status: Import.objects.create(
            collective_id=collective.pk,
            kind="bewoners",
            original_name="a.csv",
            file_format="csv",
            status=status,
            created_by_id=asker.pk,
        ).pk
        for status in ("geladen", "gekoppeld", "wacht", "bezig", "klaar", "fouten", "mislukt")
    }

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    for model, rows in [
        (apps.get_model("network", "NetworkAnalysis"), analyses),
        (apps.get_model("impact", "ImpactReport"), reports),
        (apps.get_model("imports", "ImportJob"), imports),
    ]:
        kept = dict(model.objects.values_list("pk", "status"))
        assert kept == {pk: status for status, pk in rows.items()}, model
        assert set(model.objects.values_list("created_by_id", flat=True)) == {asker.pk}
        choices = {value for value, _label in model._meta.get_field("status").choices}
        assert set(kept.values()) <= choices, model

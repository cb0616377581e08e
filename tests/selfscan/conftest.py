import importlib

import pytest

from kring.selfscan.models import Answer, Response, ScanRound, Statement, Theme

from .. import factories


@pytest.fixture
def other_official(db):
    """A municipality user of another gemeente."""
    other = factories.MunicipalityFactory(code="GM0363", name="Amsterdam")
    return factories.UserFactory(email="ambtenaar@amsterdam.example", municipality=other)


@pytest.fixture
def colleague(municipality):
    return factories.UserFactory(email="collega@example.org", municipality=municipality)


def ensure_starter_themes():
    """The starter set from the data migration; a transactional test before may have emptied
    the tables, so put it back the way the migration does."""
    from django.apps import apps

    migration = importlib.import_module("kring.selfscan.migrations.0002_starter_themes")
    migration.add_themes(apps, None)


@pytest.fixture
def themes(db):
    ensure_starter_themes()
    return list(Theme.objects.prefetch_related("statements"))


def fill_in(response, value_for=lambda statement: 4):
    Answer.objects.bulk_create(
        Answer(response=response, statement=s, value=value_for(s)) for s in Statement.objects.all()
    )


@pytest.fixture
def make_round(db):
    def make(municipality, *, started_on, closed_on=None, name="Ronde", answers=()):
        scan_round = ScanRound.objects.create(
            municipality=municipality, name=name, started_on=started_on, closed_on=closed_on
        )
        for value_for in answers:
            response = Response.objects.create(
                round=scan_round, respondent=None, submitted_at="2026-01-01T10:00Z"
            )
            fill_in(response, value_for)
        return scan_round

    return make

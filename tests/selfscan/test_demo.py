import pytest

from kring.selfscan import selectors
from kring.selfscan.demo import load_selfscan_demo
from kring.selfscan.models import ScanRound
from kring.selfscan.scoring import compare

from .. import factories
from .conftest import ensure_starter_themes


@pytest.mark.django_db
def test_demo_shows_change_over_two_rounds_and_runs_again():
    ensure_starter_themes()
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad", is_sample=True)
    user = factories.UserFactory(municipality=municipality)
    load_selfscan_demo(municipality=municipality, user=user)
    load_selfscan_demo(municipality=municipality, user=user)  # again: replaced, not doubled
    first, second = selectors.rounds_of(user)
    assert first.closed_on and second.is_open
    assert first.handed_in == second.handed_in == 3
    changes = compare(selectors.round_scores(first), selectors.round_scores(second))
    assert all(c.difference is not None for c in changes)
    assert sum(c.difference for c in changes) > 0  # the demo gemeente moved on


@pytest.mark.django_db
def test_demo_never_removes_rounds_of_a_real_gemeente():
    ensure_starter_themes()
    municipality = factories.MunicipalityFactory(is_sample=False)
    user = factories.UserFactory(municipality=municipality)
    own = ScanRound.objects.create(
        municipality=municipality, name="Echt", started_on="2024-01-01", closed_on="2024-02-01"
    )
    load_selfscan_demo(municipality=municipality, user=user)
    assert own in selectors.rounds_of(user)

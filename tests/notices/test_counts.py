"""Connections that worked beside connections made: the log, the network page and the
municipality figures (with their small-number suppression)."""

import datetime

import pytest
from django.utils import timezone

from kring.impact import suppression
from kring.impact.aggregates import municipality_figures
from kring.impact.indicators import base_cells
from kring.impact.models import ShareGroup, SharingChoice
from kring.initiatives.models import Connection
from tests import factories

pytestmark = pytest.mark.django_db
YEAR = 2025


def _connections(collective, buurt, worked: int, other: int, year=YEAR):
    residents = [
        factories.ResidentFactory(collective=collective, neighbourhood=buurt)
        for _ in range(worked + other + 1)
    ]
    Connection.objects.bulk_create(
        Connection(
            collective=collective,
            resident=residents[0],
            other_resident=residents[n + 1],
            kind="voorgesteld",
            happened_on=datetime.date(year, 4, 2),
            outcome="ja" if n < worked else ("nee" if n % 2 else ""),
            outcome_at=timezone.now(),
        )
        for n in range(worked + other)
    )


def test_worked_connections_are_counted_in_the_month_of_the_connection(collective, neighbourhood):
    _connections(collective, neighbourhood, worked=3, other=4)
    cells = base_cells(collective_ids={ShareGroup.CONNECTIONS: [collective.pk]}, year=YEAR)
    assert cells["connections_worked"] == {(collective.pk, neighbourhood.pk, 4): 3.0}


@pytest.mark.parametrize(("worked", "status"), [(3, suppression.SMALL), (12, suppression.SHOWN)])
def test_the_gemeente_sees_worked_connections_only_when_not_small(
    collective, neighbourhood, municipality, official, settings, worked, status
):
    settings.KRING_SUPPRESSION_THRESHOLD = 10
    settings.KRING_SUPPRESSION_ROUNDING = 1
    SharingChoice.objects.create(
        collective=collective, municipality=municipality, groups=list(ShareGroup.values)
    )
    _connections(collective, neighbourhood, worked=worked, other=2)
    figure = municipality_figures(user=official, year=YEAR).get("connections_worked")
    assert figure.status == status
    assert figure.value == (worked if status == suppression.SHOWN else None)


def test_the_connections_log_counts_what_worked(collective, neighbourhood, client, bob):
    _connections(collective, neighbourhood, worked=2, other=3, year=timezone.localdate().year)
    client.force_login(bob)
    page = client.get(f"/c/{collective.slug}/connections/").content.decode()
    assert "5 verbindingen" in page
    assert "2 leidden tot iets" in page

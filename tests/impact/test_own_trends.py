"""The collective's own overview page leads with its own figures over the last twelve months:
counts only, no names, added by the impact app through the registry in kring.core."""

import ast
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kring.impact.own import months_back, own_figures
from kring.initiatives.models import Connection
from kring.people.models import Resident

from .. import factories


def test_twelve_months_back_wrap_around_the_year():
    firsts = months_back(datetime.date(2025, 3, 17))
    assert firsts[0] == datetime.date(2024, 4, 1)
    assert firsts[-2] == datetime.date(2025, 3, 1) and firsts[-1] == datetime.date(2025, 4, 1)
    assert len(firsts) == 13


@pytest.mark.django_db
def test_the_overview_leads_with_the_collectives_own_trends(client, alice, collective):
    today = timezone.localdate()
    for n in range(3):
        factories.ResidentFactory(collective=collective, name=f"Geheime Naam {n}")
    initiative = factories.InitiativeFactory(collective=collective)
    for day in (1, 2):
        factories.ActivityFactory(
            collective=collective,
            initiative=initiative,
            date=today.replace(day=day),
            hours_given=Decimal("2.5"),
        )
    other = factories.CollectiveFactory(name="Ander collectief")
    factories.ResidentFactory(collective=other)
    client.force_login(alice)
    page = client.get(reverse("communities:overview", args=[collective.slug])).content.decode()
    assert "Ons jaar in beeld" in page
    assert page.index("Ons jaar in beeld") < page.index("De zes soorten krachten")
    residents = page.split('data-figure="residents"')[1].split("</figure>")[0]
    # The last point of the line is this month: three residents, not the other collective's.
    assert 'data-month="12" data-value="3"' in residents
    hours = page.split('data-figure="hours"')[1].split("</figure>")[0]
    assert 'data-month="12" data-value="5"' in hours
    assert "Geheime Naam" not in page.split("Ons jaar in beeld")[1].split("</section>")[0]


def test_communities_do_not_import_the_floors_above():
    """Floor 2 announces; it never imports impact, initiatives or network."""
    root = Path(__file__).resolve().parents[2] / "kring" / "communities"
    above = ("kring.impact", "kring.initiatives", "kring.network", "kring.maps")
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                assert not name.startswith(above), f"{path.name} imports {name}"


@pytest.mark.django_db
def test_the_own_trends_count_new_ties_and_follow_a_change_at_once(client, alice, collective):
    """The overview keeps its counts for the day, but a new record shows at the next visit;
    two neighbours who meet again are not a new connection."""
    today = timezone.localdate()
    a, b, c = (factories.ResidentFactory(collective=collective) for _ in "abc")
    client.force_login(alice)
    url = reverse("communities:overview", args=[collective.slug])

    def new_ties_this_month():
        page = client.get(url).content.decode()
        card = page.split('data-figure="connections"')[1].split("</figure>")[0]
        return card.split('data-month="12" data-value="')[1].split('"')[0]

    def tie(one, other):
        Connection.objects.create(
            collective=collective,
            resident=one,
            other_resident=other,
            kind="ontmoet",
            happened_on=today,
        )

    for one, other in ((a, b), (b, a), (a, b)):
        tie(one, other)
    assert new_ties_this_month() == "1"
    tie(a, c)
    assert new_ties_this_month() == "2"


@pytest.mark.django_db
def test_the_own_new_ties_are_the_gemeentes_first_ties(collective):
    """The overview counts each pair's first day in the database; month by month that is what
    ``indicators.first_ties`` finds reading the log in order: residents, initiatives, a gift
    (its resident is the party) and a place, pairs met in either order and again, before
    and within the twelve months."""
    import bisect
    import random

    from kring.impact.indicators import first_ties
    from kring.impact.own import _new_ties_monthly

    rng = random.Random(7)
    residents = [factories.ResidentFactory(collective=collective) for _ in range(6)]
    initiatives = [factories.InitiativeFactory(collective=collective) for _ in range(2)]
    gifts = [
        factories.GiftFactory(collective=collective, resident=rng.choice(residents))
        for _ in range(3)
    ]
    places = [factories.AssetFactory(collective=collective) for _ in range(2)]
    today = datetime.date(2025, 6, 15)
    starts = months_back(today)
    for _n in range(150):
        one = rng.choice(residents + initiatives)
        other = rng.choice(residents + gifts + places)
        if other is one:
            continue
        Connection.objects.create(
            collective=collective,
            resident=one if one in residents else None,
            initiative=one if one in initiatives else None,
            other_resident=other if other in residents else None,
            asset=None if other in residents else other,
            kind="ontmoet",
            # From a year before the twelve months to a month after them.
            happened_on=today - datetime.timedelta(days=rng.randint(-40, 730)),
        )
    expected = [0] * 12
    for tie in first_ties([collective.pk], since=starts[0], until=starts[-1]):
        expected[bisect.bisect_right(starts, tie.day) - 1] += 1
    assert sum(expected) > 10
    assert _new_ties_monthly(collective, starts) == expected


@pytest.mark.django_db
def test_a_change_made_by_another_process_is_counted_at_once(collective):
    """With a cache per process, another web process's change cannot forget this process's
    kept figures; the fingerprint kept with them shows it. Here the other process is a write
    that sends no signal (``bulk_create``), so nothing forgets the kept figures."""

    today = timezone.localdate()
    factories.ResidentFactory(collective=collective)
    counts, _starts = own_figures(collective, today)
    assert counts["residents"][-1] == 1
    Resident.objects.bulk_create(
        [
            Resident(collective=collective, name="Nieuw elders"),
            Resident(collective=collective, name="Ook elders"),
        ]
    )
    counts, _starts = own_figures(collective, today)
    assert counts["residents"][-1] == 3
    # Asked again with nothing changed: the kept figures answer (no counting queries).

    with CaptureQueriesContext(connection) as queries:
        again, _starts = own_figures(collective, today)
    assert again == counts
    assert len(queries) == 1  # the fingerprint only

"""Indicative social value: shown count × proxy × (1 − deadweight) × attribution, traced to
its source; no amount from a hidden count or a proxy without a source."""

import datetime
from decimal import Decimal

import pytest

from kring.impact.aggregates import municipality_figures
from kring.impact.models import ShareGroup, SharingChoice, SocialValueProxy
from kring.impact.socialvalue import social_values, total

from .. import factories


@pytest.fixture
def activities(collective, neighbourhood, official):
    SharingChoice.objects.create(
        collective=collective,
        municipality=collective.municipality,
        groups=[ShareGroup.ACTIVITIES],
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    for day in range(1, 25):
        factories.ActivityFactory(
            collective=collective,
            initiative=initiative,
            date=datetime.date(2025, 3, day),
            hours_given=Decimal("4"),
        )
    return municipality_figures(user=official, year=2025)


@pytest.mark.django_db
def test_the_starter_proxies_cite_their_source_and_leave_the_rest_empty():
    hours = SocialValueProxy.objects.get(outcome="hours")
    assert hours.value == Decimal("14.06") and hours.year == 2025
    assert hours.source_url.startswith("https://svb.nl/") and "auteursrecht" in hours.licence_note
    empty = SocialValueProxy.objects.exclude(outcome="hours")
    assert empty.exists() and all(p.value is None for p in empty)
    assert not SocialValueProxy.objects.filter(source_title__icontains="Social Value Bank").exists()


@pytest.mark.django_db
def test_value_is_the_shown_count_times_the_proxy_with_its_factors(activities):
    hours = activities.get("hours")
    assert hours.shown and hours.value == 95  # 96 hours, rounded to 5
    proxy = SocialValueProxy.objects.get(outcome="hours")
    proxy.deadweight, proxy.attribution = Decimal("0.2"), Decimal("0.5")
    proxy.save()
    rows = {v.proxy.outcome: v for v in social_values(activities)}
    expected = (Decimal(95) * Decimal("14.06") * Decimal("0.8") * Decimal("0.5")).quantize(1)
    assert rows["hours"].euros == expected
    assert dict(rows["hours"].steps)["aantal"] == "95"
    assert rows["connections"].euros is None and rows["connections"].reason == "geen_bron"
    assert total(list(rows.values())) == expected


@pytest.mark.django_db
def test_no_euro_for_a_hidden_count(collective, neighbourhood, official):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["activiteiten"]
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ActivityFactory(
        collective=collective,
        initiative=initiative,
        date=datetime.date(2025, 3, 3),
        hours_given=Decimal("6"),
    )
    figures = municipality_figures(user=official, year=2025)
    rows = {v.proxy.outcome: v for v in social_values(figures)}
    assert rows["hours"].euros is None and rows["hours"].reason == "verborgen"
    assert rows["hours"].count_display == "<10"

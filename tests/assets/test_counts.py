"""The counts per category: on the overview kept rendered under the collective's data version
(exact at the next request after any write), on the assets' index page read from their kept
rows per collective and audience (CategoryCount), which follow every change made through the
services at once and a change behind them after MAX_AGE."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.assets import counts, services
from kring.assets.models import Asset, CategoryCount
from kring.people import services as people_services
from kring.people.models import ConsentPurpose
from tests import factories


def _counted(html: str) -> dict:
    return {
        category: int(n)
        for category, n in re.findall(
            r'class="card count-card cat-(\w+)"[^>]*>\s*<span class="count">(\d+)</span>', html
        )
    }


def shown(client, collective) -> dict:
    """The overview's counts (the section kring.assets registers, kring.assets.overview)."""
    response = client.get(reverse("communities:overview", args=[collective.slug]))
    assert response.status_code == 200
    counted = _counted(response.content.decode())
    assert len(counted) == 6
    return counted


def on_index(client, collective) -> dict:
    """The assets' index page, which reads the kept rows of kring.assets.counts."""
    response = client.get(reverse("assets:index", args=[collective.slug]))
    assert response.status_code == 200
    counted = _counted(response.content.decode())
    assert len(counted) == 6
    return counted


@pytest.fixture
def gift(collective):
    resident = factories.ResidentFactory(collective=collective, name="Nora Gaaf")
    factories.ConsentFactory(resident=resident)
    factories.ConsentFactory(resident=resident, purpose="leden")
    return factories.GiftFactory(collective=collective, resident=resident, visibility="leden")


@pytest.mark.django_db
def test_counts_are_kept_per_audience_and_follow_new_and_deleted_assets(
    client, bob, mia, collective, gift, access_for
):
    factories.GiftFactory(collective=collective, visibility="buurtmakers")
    client.force_login(bob)
    assert shown(client, collective)["gift"] == 2
    assert on_index(client, collective)["gift"] == 2
    client.force_login(mia)
    assert shown(client, collective)["gift"] == 1
    assert on_index(client, collective)["gift"] == 1
    assert set(CategoryCount.objects.values_list("audience", flat=True)) == {
        "buurtmakers",
        "leden",
    }
    place = services.create_asset(
        access=access_for(bob, collective),
        asset=Asset(category="place", title="Buurthuis", visibility="leden"),
    )
    assert shown(client, collective)["place"] == 1
    assert on_index(client, collective)["place"] == 1
    services.delete_asset(access=access_for(bob, collective), asset=place)
    assert shown(client, collective)["place"] == 0
    assert on_index(client, collective)["place"] == 0
    client.force_login(bob)
    assert shown(client, collective)["place"] == 0
    assert on_index(client, collective)["place"] == 0


@pytest.mark.django_db
def test_a_withdrawn_consent_hides_the_gift_from_the_members_count_at_once(
    client, bob, mia, collective, gift, access_for
):
    client.force_login(mia)
    assert shown(client, collective)["gift"] == 1
    people_services.set_consents(
        access=access_for(bob, collective),
        resident=gift.resident,
        purposes={ConsentPurpose.INVENTORY},
        method="digitaal",
    )
    assert shown(client, collective)["gift"] == 0


@pytest.mark.django_db
def test_a_change_behind_the_services_shows_on_the_overview_at_once(
    client, bob, mia, collective, gift
):
    """A bulk load bypasses the services; the database's triggers still give the collective a
    new data version, and the overview counts again."""
    for who in (mia, bob):
        client.force_login(who)
        assert shown(client, collective)["place"] == 0
    factories.AssetFactory(collective=collective, category="place", visibility="leden")
    Asset.objects.filter(collective=collective, category="gift").update(visibility="buurtmakers")
    client.force_login(mia)
    counted = shown(client, collective)
    assert (counted["place"], counted["gift"]) == (1, 0)
    client.force_login(bob)
    assert shown(client, collective)["place"] == 1
    assert shown(client, collective)["gift"] == 1


@pytest.mark.django_db
def test_a_change_behind_the_services_shows_on_the_index_after_the_maximum_age(
    client, mia, collective, gift
):
    client.force_login(mia)
    assert on_index(client, collective)["gift"] == 1
    factories.AssetFactory(collective=collective, category="place", visibility="leden")
    assert on_index(client, collective)["place"] == 0  # bulk loads bypass the services
    CategoryCount.objects.update(counted_at=timezone.now() - counts.MAX_AGE - timedelta(seconds=1))
    assert on_index(client, collective)["place"] == 1


@pytest.mark.django_db
def test_one_collectives_counts_never_show_in_another(client, charlie, other_collective, gift):
    client.force_login(charlie)
    assert shown(client, other_collective)["gift"] == 0

"""The cluster table (kring.maps.cells) follows every kind of asset change exactly: after each
change it must hold what counting it again from the assets gives, and the map answer must be
the numpy grid of kring.maps.clustering over the visible points."""

import random

import pytest
from django.core.cache import cache
from django.core.management import call_command

from kring.assets import services
from kring.assets.models import Asset
from kring.maps import selectors
from kring.maps.cells import rebuild_cells
from kring.maps.clustering import SINGLES_ZOOM, cluster
from kring.maps.models import ClusterCell
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _sums(cell):
    return round(cell.sum_lat, 9), round(cell.sum_lon, 9)


def _table(collective):
    return sorted(
        (c.zoom, c.cell_x, c.cell_y, c.category, c.members, c.n, c.sum_id, *_sums(c))
        for c in ClusterCell.objects.filter(collective=collective)
    )


def _recounted(collective):
    kept = _table(collective)
    rebuild_cells(collective.pk)
    return kept, _table(collective)


def _assert_in_step(collective):
    kept, recounted = _recounted(collective)
    assert kept == recounted


def _assert_map_is_the_grid(access, zoom=13):
    cache.clear()
    answer = selectors.clusters(access, zoom=zoom, bbox=None, categories=selectors.CATEGORY_KEYS)
    points = selectors.map_points(access)
    expected, singles = cluster(
        points, zoom=zoom, bbox=None, n_categories=len(selectors.CATEGORY_KEYS)
    )
    got = sorted(
        (c["count"], tuple(c["categories"].values()), c["lat"], c["lon"])
        for c in answer["clusters"]
    )
    assert got == sorted((c["count"], tuple(c["categories"]), c["lat"], c["lon"]) for c in expected)
    assert [p["id"] for p in answer["points"]] == sorted(int(i) for i in points.ids[singles])
    return answer


def _place(collective, n, **extra):
    values = {
        "collective": collective,
        "title": f"Plek {n}",
        "category": "place",
        "latitude": 51.9 + n * 0.0007,
        "longitude": 4.45 + n * 0.0011,
    }
    values.update(extra)
    return factories.AssetFactory(**values)


def test_every_kind_of_change_keeps_the_table_in_step(collective, bob, mia, access_for):
    assets = [_place(collective, n) for n in range(30)]
    _assert_in_step(collective)
    assert ClusterCell.objects.filter(collective=collective, zoom=0).get().n == 30
    first, second, third, fourth, fifth = assets[:5]

    first.latitude, first.longitude = 51.95, 4.55  # moved
    first.save()
    _assert_in_step(collective)
    second.category = "economy"  # other category
    second.save()
    _assert_in_step(collective)
    third.visibility = "buurtmakers"  # hidden from members
    third.save()
    _assert_in_step(collective)
    fourth.category = "story"  # no longer on the map
    fourth.save()
    _assert_in_step(collective)
    fifth.latitude = fifth.longitude = None  # place taken away
    fifth.save()
    _assert_in_step(collective)
    fifth.latitude, fifth.longitude = 51.91, 4.47  # and given again
    fifth.save(update_fields=["latitude", "longitude"])
    _assert_in_step(collective)
    assets[6].delete()  # deleted
    _assert_in_step(collective)
    Asset.objects.filter(pk__in=[a.pk for a in assets[7:10]]).delete()  # deleted as a set
    _assert_in_step(collective)
    stale = Asset.objects.only("id", "title").get(pk=assets[10].pk)
    stale.delete()  # deleted through an object that never read its place
    _assert_in_step(collective)
    renamed = Asset.objects.get(pk=assets[11].pk)
    renamed.title = "Andere naam"
    renamed.save(update_fields=["title"])
    _assert_in_step(collective)

    total = Asset.objects.filter(collective=collective, category__in=selectors.CATEGORY_KEYS)
    zoom0 = ClusterCell.objects.filter(collective=collective, zoom=0)
    assert sum(c.n for c in zoom0) == total.exclude(latitude=None).count() == 24
    assert sum(c.n for c in zoom0.filter(members=True)) == 23
    for user in (bob, mia):
        _assert_map_is_the_grid(access_for(user, collective))


def test_the_asset_services_keep_the_table_in_step(collective, bob, access_for):
    access = access_for(bob, collective)
    asset = services.create_asset(
        access=access,
        asset=Asset(title="Buurthuis", category="place", latitude=51.92, longitude=4.48),
    )
    _assert_in_step(collective)
    asset.latitude = 51.93
    services.update_asset(access=access, asset=asset)
    _assert_in_step(collective)
    assert ClusterCell.objects.filter(collective=collective, zoom=16).get().sum_lat == 51.93
    services.delete_asset(access=access, asset=asset)
    assert not ClusterCell.objects.filter(collective=collective).exists()


def test_a_moved_asset_is_on_the_next_cold_answer(collective, bob, access_for):
    access = access_for(bob, collective)
    asset = _place(collective, 1)
    for n in range(2, 6):
        _place(collective, n)
    before = _assert_map_is_the_grid(access, zoom=16)
    asset.latitude, asset.longitude = 51.96, 4.58
    asset.save()
    after = _assert_map_is_the_grid(access, zoom=16)
    moved = [p for p in after["points"] if p["id"] == asset.pk]
    assert moved and (moved[0]["lat"], moved[0]["lon"]) == (51.96, 4.58)
    assert before["points"] != after["points"]


def test_random_changes_match_a_recount_and_the_grid(collective, bob, mia, access_for):
    rng = random.Random(4)
    assets = [
        _place(
            collective,
            n,
            category=rng.choice(selectors.CATEGORY_KEYS),
            latitude=rng.uniform(51.86, 51.98),
            longitude=rng.uniform(4.35, 4.60),
            visibility=rng.choice(["leden", "buurtmakers", "openbaar"]),
        )
        for n in range(60)
    ]
    for _step in range(60):
        asset = rng.choice(assets)
        change = rng.randrange(4)
        if change == 0:
            asset.latitude, asset.longitude = rng.uniform(51.86, 51.98), rng.uniform(4.35, 4.6)
        elif change == 1:
            asset.category = rng.choice([*selectors.CATEGORY_KEYS, "story"])
        elif change == 2:
            asset.visibility = rng.choice(["leden", "buurtmakers", "openbaar"])
        if change == 3:
            asset.delete()
            assets.remove(asset)
            assets.append(_place(collective, rng.randrange(100)))
        else:
            asset.save()
    _assert_in_step(collective)
    for user in (bob, mia):
        for zoom in (9, 12, 14, SINGLES_ZOOM - 1):
            _assert_map_is_the_grid(access_for(user, collective), zoom=zoom)


def test_gifts_and_consents_never_reach_the_table(collective, bob, mia, access_for):
    resident = factories.ResidentFactory(collective=collective)
    factories.GiftFactory(collective=collective, resident=resident, latitude=51.9, longitude=4.4)
    _place(collective, 1)
    consent = factories.ConsentFactory(resident=resident, purpose="leden")
    assert set(ClusterCell.objects.values_list("category", flat=True)) == {"place"}
    consent.delete()
    for user in (bob, mia):
        assert (
            selectors.clusters(
                access_for(user, collective), zoom=16, bbox=None, categories=selectors.CATEGORY_KEYS
            )["total"]
            == 1
        )


def test_each_collective_has_its_own_cells_and_they_go_with_it(
    collective, other_collective, bob, access_for
):
    _place(collective, 1)
    _place(other_collective, 2)
    _place(other_collective, 3)
    assert (
        selectors.clusters(
            access_for(bob, collective), zoom=5, bbox=None, categories=selectors.CATEGORY_KEYS
        )["total"]
        == 1
    )
    other_collective.delete()
    assert set(ClusterCell.objects.values_list("collective", flat=True)) == {collective.pk}
    _assert_in_step(collective)


def test_the_command_counts_the_cells_again(collective, capsys):
    Asset.objects.bulk_create(
        Asset(collective=collective, title=f"B {n}", category="place", latitude=51.9, longitude=4.4)
        for n in range(5)
    )
    assert not ClusterCell.objects.exists()  # bulk_create skips the signals
    call_command("rebuild_map_cells", collective=collective.slug)
    assert ClusterCell.objects.filter(zoom=3).get().n == 5
    assert f"Wrote {ClusterCell.objects.count()} map cells." in capsys.readouterr().out


def test_assets_written_in_bulk_are_counted_by_the_import_hook(collective, other_collective):
    from kring.maps.cells import add_assets

    _place(collective, 1)
    rng = random.Random(9)
    written = Asset.objects.bulk_create(
        Asset(
            collective=rng.choice([collective, other_collective]),
            title=f"Import {n}",
            category=rng.choice([*selectors.CATEGORY_KEYS, "story"]),
            latitude=rng.uniform(51.86, 51.98),
            longitude=rng.uniform(4.35, 4.60),
            visibility=rng.choice(["leden", "buurtmakers"]),
        )
        for n in range(80)
    )
    placed = add_assets(asset_ids=[a.pk for a in written])
    assert placed == sum(a.category != "story" for a in written)
    _assert_in_step(collective)
    _assert_in_step(other_collective)

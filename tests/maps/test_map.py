import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from kring.geo.geocoding import Geocoder, parse_pdok, set_geocoder
from tests import factories

RECORDED = Path(__file__).parent / "recorded"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _place(collective, title, lat, lon, category="place", **extra):
    return factories.AssetFactory(
        collective=collective, title=title, category=category, latitude=lat, longitude=lon, **extra
    )


@pytest.fixture
def crowded(collective, mapped_buurt):
    """Twelve places and three institutions close together, one builders-only group."""
    for n in range(12):
        _place(collective, f"Plek {n}", 51.9180 + n * 0.0001, 4.4650 + n * 0.0001)
    for n in range(3):
        _place(
            collective,
            f"School {n}",
            51.9190 + n * 0.0001,
            4.4660,
            category="institution",
            institution_type="school",
        )
    _place(
        collective,
        "Geheime groep",
        51.9200,
        4.4700,
        category="association",
        visibility="buurtmakers",
    )
    return collective


def _clusters(client, slug, **params):
    response = client.get(reverse("maps:clusters", args=[slug]), params)
    assert response.status_code == 200
    return response.json()


def test_whole_area_is_clustered_and_close_zoom_shows_single_points(client, bob, crowded):
    client.force_login(bob)
    far = _clusters(client, crowded.slug, zoom=10)
    assert far["total"] == 16
    assert len(far["clusters"]) == 1 and far["clusters"][0]["count"] == 16
    assert far["clusters"][0]["categories"]["institution"] == 3
    near = _clusters(client, crowded.slug, zoom=18, bbox="4.46,51.91,4.48,51.93")
    assert not near["clusters"]
    titles = {p["title"] for p in near["points"]}
    assert "Plek 0" in titles and "Geheime groep" in titles
    assert all(p["url"].startswith(f"/c/{crowded.slug}/assets/") for p in near["points"])


def test_category_filter_changes_the_clusters(client, bob, crowded):
    client.force_login(bob)
    answer = _clusters(client, crowded.slug, zoom=10, category=["institution"])
    assert answer["total"] == 3
    answer = _clusters(client, crowded.slug, zoom=10, category=["economy"])
    assert answer["total"] == 0


def test_members_do_not_see_builders_only_assets_on_the_map(client, mia, crowded):
    client.force_login(mia)
    near = _clusters(client, crowded.slug, zoom=18)
    assert "Geheime groep" not in {p["title"] for p in near["points"]}
    assert _clusters(client, crowded.slug, zoom=10)["total"] == 15


def test_gifts_are_counted_per_buurt_and_never_placed(client, bob, crowded, mapped_buurt):
    resident = factories.ResidentFactory(
        collective=crowded, address="Geheimpad 7", neighbourhood=mapped_buurt
    )
    factories.GiftFactory(collective=crowded, resident=resident, title="Fietsen maken")
    client.force_login(bob)
    near = _clusters(client, crowded.slug, zoom=18)
    assert "Fietsen maken" not in json.dumps(near)
    collection = client.get(reverse("maps:boundaries", args=[crowded.slug])).json()
    assert collection["features"][0]["properties"]["gifts"] == 1
    page = client.get(reverse("maps:map", args=[crowded.slug])).content.decode()
    assert "Geheimpad 7" not in page


def test_a_new_asset_shows_at_once_despite_the_cache(client, bob, crowded):
    client.force_login(bob)
    assert _clusters(client, crowded.slug, zoom=10)["total"] == 16
    _place(crowded, "Nieuwe markt", 51.9181, 4.4651, category="economy")
    assert _clusters(client, crowded.slug, zoom=10)["total"] == 17


def test_a_wrong_map_question_is_answered_400(client, bob, crowded):
    client.force_login(bob)
    url = reverse("maps:clusters", args=[crowded.slug])
    assert client.get(url, {"zoom": "x"}).status_code == 400
    assert client.get(url, {"zoom": 3, "bbox": "1,2,3"}).status_code == 400


def test_map_page_lists_the_same_assets_and_counts(client, mia, crowded):
    client.force_login(mia)
    response = client.get(reverse("maps:map", args=[crowded.slug]), {"category": "institution"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "School 0" in page and "Plek 0" not in page
    assert "Gaffelstraat" in page  # the buurt row of the table
    assert 'id="map-config"' in page


def test_map_pictures_are_valid_svg_and_png(client, mia, crowded):
    from xml.etree import ElementTree

    client.force_login(mia)
    svg = client.get(reverse("maps:svg", args=[crowded.slug]))
    assert svg["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(svg.content)
    assert root.tag.endswith("svg")
    assert "Gaffelstraat" in svg.content.decode()
    png = client.get(reverse("maps:png", args=[crowded.slug]))
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")


class Recorded(Geocoder):
    def __init__(self, name):
        self.answer = json.loads((RECORDED / name).read_text())
        self.asked = []

    def geocode(self, address):
        self.asked.append(address)
        return parse_pdok(self.answer)


def test_typed_address_is_found_through_the_geocoder(client, bob, collective):
    recorded = Recorded("pdok_free_gaffelstraat.json")
    set_geocoder(recorded)
    client.force_login(bob)
    response = client.get(reverse("maps:geocode", args=[collective.slug]), {"q": "Gaffelstraat 12"})
    results = response.json()["results"]
    assert recorded.asked == ["Gaffelstraat 12"]
    assert results[0] == {
        "label": "Gaffelstraat 12, 3014RD Rotterdam",
        "lat": 51.91806,
        "lon": 4.46589,
    }


def test_unknown_address_and_no_geocoder_find_nothing(client, bob, collective):
    client.force_login(bob)
    url = reverse("maps:geocode", args=[collective.slug])
    assert client.get(url, {"q": "Gaffelstraat 12"}).json()["results"] == []  # not configured
    set_geocoder(Recorded("pdok_free_nothing.json"))
    assert client.get(url, {"q": "Nergensstraat 1"}).json()["results"] == []
    assert client.get(url, {"q": "a"}).status_code == 400


def test_members_cannot_use_the_geocoder(client, mia, collective):
    client.force_login(mia)
    assert (
        client.get(
            reverse("maps:geocode", args=[collective.slug]), {"q": "Gaffelstraat"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("zoom", [9, 12, 14])
def test_clusters_counted_by_the_database_equal_the_numpy_grid(
    bob, mia, collective, access_for, zoom
):
    """The cold answer is clustered by the database; it must be the grid of
    kring.maps.clustering.cluster over the same points, for each visibility level."""
    import random

    from kring.assets.models import Asset
    from kring.maps import selectors
    from kring.maps.cells import rebuild_cells
    from kring.maps.clustering import cluster

    rng = random.Random(zoom)
    Asset.objects.bulk_create(
        Asset(
            collective=collective,
            category=rng.choice(selectors.CATEGORY_KEYS),
            title=f"Punt {n}",
            latitude=rng.uniform(51.86, 51.98),
            longitude=rng.uniform(4.35, 4.60),
            visibility=rng.choice(["leden", "buurtmakers"]),
        )
        for n in range(400)
    )
    # bulk_create skips signals: bulk writes count the cells again, as the importers do.
    rebuild_cells(collective.pk)
    for user in (bob, mia):
        access = access_for(user, collective)
        bbox = selectors.snap_bbox((4.40, 51.88, 4.55, 51.96), zoom)
        answer = selectors.clusters(
            access, zoom=zoom, bbox=bbox, categories=selectors.CATEGORY_KEYS
        )
        points = selectors.map_points(access)
        expected, singles = cluster(
            points, zoom=zoom, bbox=bbox, n_categories=len(selectors.CATEGORY_KEYS)
        )

        def key(c):
            return (c["count"], tuple(c["categories"]), c["lat"], c["lon"])

        got = sorted(
            (c["count"], tuple(c["categories"].values()), c["lat"], c["lon"])
            for c in answer["clusters"]
        )
        assert got == sorted(key(c) for c in expected)
        assert [p["id"] for p in answer["points"]] == sorted(int(i) for i in points.ids[singles])
        assert answer["total"] == len(singles) + sum(c["count"] for c in expected)
        # Something to compare: clusters at every zoom, single points too when zoomed in.
        assert answer["clusters"] and (zoom < 14 or answer["points"])

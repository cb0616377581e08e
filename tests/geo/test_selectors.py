from pathlib import Path

import pytest

from kring.geo.models import Neighbourhood
from kring.geo.selectors import clear_shape_cache, neighbourhood_for_point
from kring.geo.services import import_regions

SAMPLE = Path(__file__).resolve().parents[2] / "kring" / "geo" / "data" / "sample-kringstad.geojson"


@pytest.fixture
def kringstad(db):
    # Primary keys come back after a rolled-back test: start every test with an empty cache.
    clear_shape_cache()
    assert import_regions(features=SAMPLE, year=2025, sample=True).ok
    yield
    clear_shape_cache()


def test_finds_the_buurt_of_a_point_inside(kringstad):
    for neighbourhood in Neighbourhood.objects.all():
        found = neighbourhood_for_point(neighbourhood.latitude, neighbourhood.longitude)
        assert found == neighbourhood


def test_none_outside_every_buurt(kringstad):
    assert neighbourhood_for_point(52.37, 4.89) is None  # Amsterdam, not in the sample
    assert neighbourhood_for_point(95, 5.1) is None
    assert neighbourhood_for_point("noord", None) is None


def test_candidates_limit_the_search(kringstad):
    kadewijk = Neighbourhood.objects.get(code="BU99990102")
    lindenhof = Neighbourhood.objects.filter(district__code="WK999903")
    point = (kadewijk.latitude, kadewijk.longitude)

    assert neighbourhood_for_point(*point, candidates=lindenhof) is None
    assert neighbourhood_for_point(*point, candidates=[kadewijk]) is kadewijk
    assert neighbourhood_for_point(*point, candidates=Neighbourhood.objects.none()) is None


def test_a_new_boundary_is_seen_after_a_new_import(kringstad):
    kadewijk = Neighbourhood.objects.get(code="BU99990102")
    far = (52.37, 4.89)
    assert neighbourhood_for_point(*far) is None
    moved = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"buurtcode": "BU99990102", "buurtnaam": "Kadewijk"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[4.88, 52.36], [4.9, 52.36], [4.9, 52.38], [4.88, 52.36]]],
                },
            }
        ],
    }
    assert import_regions(features=moved, year=2025, sample=True).ok
    assert neighbourhood_for_point(*far) == kadewijk


def test_few_queries_once_the_shapes_are_cached(kringstad, django_assert_max_num_queries):
    kadewijk = Neighbourhood.objects.get(code="BU99990102")
    neighbourhood_for_point(kadewijk.latitude, kadewijk.longitude)
    with django_assert_max_num_queries(2):
        assert neighbourhood_for_point(kadewijk.latitude, kadewijk.longitude) == kadewijk

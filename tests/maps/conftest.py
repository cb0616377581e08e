import pytest

from kring.geo.geocoding import set_geocoder

# A small square buurt in Rotterdam (WGS84), big enough for a few points.
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[4.460, 51.915], [4.472, 51.915], [4.472, 51.922], [4.460, 51.922], [4.460, 51.915]]
    ],
}


@pytest.fixture
def mapped_buurt(neighbourhood):
    neighbourhood.boundary = SQUARE
    neighbourhood.latitude, neighbourhood.longitude = 51.9185, 4.466
    neighbourhood.save()
    return neighbourhood


@pytest.fixture(autouse=True)
def _no_geocoder(settings):
    settings.KRING_GEOCODER_URL = ""
    yield
    set_geocoder(None)

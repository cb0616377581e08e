"""Placing an asset on save: a point from the typed address (when a geocoder is configured and
no point was chosen) and the buurt from the point (point in polygon), so neither need be typed."""

from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.geo.geocoding import NoGeocoder, get_geocoder
from kring.geo.selectors import neighbourhood_for_point

from .models import MAPPED


def place_asset(*, access: CollectiveAccess, asset) -> None:
    if asset.category not in MAPPED:
        return
    if asset.latitude is None and asset.longitude is None and asset.address.strip():
        geocoder = get_geocoder()
        if not isinstance(geocoder, NoGeocoder):
            results = geocoder.geocode(asset.address)
            if results:
                asset.latitude = round(results[0].latitude, 6)
                asset.longitude = round(results[0].longitude, 6)
    if (
        asset.neighbourhood_id is None
        and asset.latitude is not None
        and asset.longitude is not None
    ):
        asset.neighbourhood = neighbourhood_for_point(
            asset.latitude,
            asset.longitude,
            candidates=neighbourhoods_of(access.collective).defer(None),
        )

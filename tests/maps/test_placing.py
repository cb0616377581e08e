from django.urls import reverse

from kring.assets.models import Asset
from kring.geo.geocoding import Geocoder, Result, set_geocoder


def _new_place(client, collective, **fields):
    data = {"title": "Buurthuis De Gaffel", "visibility": "leden", "source": "handmatig", **fields}
    return client.post(reverse("assets:create", args=[collective.slug, "place"]), data)


def test_the_buurt_is_found_from_the_point(client, bob, collective, mapped_buurt):
    client.force_login(bob)
    response = _new_place(client, collective, latitude="51.9180", longitude="4.4660")
    assert response.status_code == 302
    assert Asset.objects.get(title="Buurthuis De Gaffel").neighbourhood == mapped_buurt


def test_a_point_outside_the_working_area_gets_no_buurt(client, bob, collective, mapped_buurt):
    client.force_login(bob)
    _new_place(client, collective, latitude="52.0907", longitude="5.1214")
    assert Asset.objects.get(title="Buurthuis De Gaffel").neighbourhood is None


class OneAnswer(Geocoder):
    def geocode(self, address):
        return [Result("Gaffelstraat 12, 3014RD Rotterdam", 51.91806, 4.46589)]


def test_a_typed_address_is_placed_when_a_geocoder_is_configured(
    client, bob, collective, mapped_buurt
):
    set_geocoder(OneAnswer())
    client.force_login(bob)
    _new_place(client, collective, address="Gaffelstraat 12")
    asset = Asset.objects.get(title="Buurthuis De Gaffel")
    assert (asset.latitude, asset.longitude) == (51.91806, 4.46589)
    assert asset.neighbourhood == mapped_buurt


def test_without_a_geocoder_the_address_stays_text(client, bob, collective, mapped_buurt):
    client.force_login(bob)
    _new_place(client, collective, address="Gaffelstraat 12")
    asset = Asset.objects.get(title="Buurthuis De Gaffel")
    assert asset.latitude is None and asset.neighbourhood is None


def test_the_form_offers_the_map_picker(client, bob, collective):
    client.force_login(bob)
    page = client.get(reverse("assets:create", args=[collective.slug, "place"])).content.decode()
    assert 'id="place-picker"' in page and "maps/place.js" in page
    gift_form = client.get(
        reverse("assets:create", args=[collective.slug, "gift"])
    ).content.decode()
    assert "place-picker" not in gift_form

"""Seeing the community in a browser: the map clusters and filters, the network is drawn on its
canvas, and the pictures download as real PNG, SVG and PDF files. Axe checks every page."""

import datetime
import io
import random
from xml.etree import ElementTree

import pytest
from PIL import Image
from pypdf import PdfReader

from kring.communities.models import Role
from kring.initiatives.models import Connection
from tests import factories

from .conftest import SCREENSHOTS, check_accessibility, screenshot

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[4.460, 51.915], [4.472, 51.915], [4.472, 51.922], [4.460, 51.922], [4.460, 51.915]]
    ],
}


@pytest.fixture
def world(transactional_db, settings):
    settings.KRING_MAP_TILES_URL = ""  # offline: boundaries and markers, no tiles
    municipality = factories.MunicipalityFactory(code="GM0599", name="Rotterdam")
    district = factories.DistrictFactory(municipality=municipality, code="WK059901")
    buurt = factories.NeighbourhoodFactory(
        district=district, code="BU05990101", name="Gaffelstraat", boundary=SQUARE
    )
    collective = factories.CollectiveFactory(
        name="Havenkwartier Coöperatie", slug="havenkwartier", municipality=municipality
    )
    collective.working_area.add(buurt)
    rng = random.Random(4)
    for n in range(120):
        category = ["place", "association", "economy"][n % 3]
        factories.AssetFactory(
            collective=collective,
            category=category,
            title=f"Bron {n}",
            latitude=51.915 + rng.random() * 0.007,
            longitude=4.460 + rng.random() * 0.012,
        )
    residents = [factories.ResidentFactory(collective=collective) for _ in range(24)]
    day = datetime.date(2026, 10, 1)
    for i, resident in enumerate(residents[:20]):
        for j in (1, 3):
            other = residents[(i + j) % 20]
            Connection.objects.create(
                collective=collective,
                resident=resident,
                other_resident=other,
                kind="voorgesteld",
                happened_on=day,
            )
    factories.AssetFactory(
        collective=collective,
        category="story",
        title="Het verhaal van de kade",
        description="Vroeger lagen hier schepen.",
    )
    user = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    return collective


def _log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_map_shows_clusters_and_the_filter_changes_them(live_server, desktop, world):
    page = desktop
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/c/{world.slug}/map/")
    page.wait_for_selector("#map[data-loading=false]")
    page.wait_for_selector(".map-cluster")
    clusters = page.locator(".map-cluster").count()
    total = int(page.get_attribute("#map", "data-total"))
    assert clusters >= 1 and total == 120
    check_accessibility(page, "map")
    screenshot(page, "map-desktop")

    page.get_by_label("Fysieke plekken").uncheck()
    page.wait_for_function("document.querySelector('#map').getAttribute('data-total') === '80'")
    assert page.locator(".map-cluster").count() >= 1
    screenshot(page, "map-filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="kaart als PNG").click()
    png = download.value.path().read_bytes()
    Image.open(io.BytesIO(png)).verify()
    (SCREENSHOTS / "export-map.png").write_bytes(png)
    with page.expect_download() as download:
        page.get_by_role("link", name="kaart als SVG").click()
    assert ElementTree.fromstring(download.value.path().read_bytes()).tag.endswith("svg")


def test_network_is_drawn_and_the_pictures_download(live_server, desktop, world):
    page = desktop
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/c/{world.slug}/network/")
    page.get_by_role("button", name="Bereken").click()
    page.wait_for_selector("#network[data-drawn=true]")
    check_accessibility(page, "network")
    screenshot(page, "network-desktop")
    # The canvas is not empty: the drawing holds many pixels that are not white.
    picture = Image.open(io.BytesIO(page.locator("#network").screenshot())).convert("RGB")
    coloured = sum(1 for pixel in picture.get_flattened_data() if sum(pixel) < 600)
    assert coloured > 500
    assert int(page.get_attribute("#network", "data-nodes")) == 24

    with page.expect_download() as download:
        page.get_by_role("link", name="netwerk als PNG").click()
    png = download.value.path().read_bytes()
    Image.open(io.BytesIO(png)).verify()
    (SCREENSHOTS / "export-network.png").write_bytes(png)
    with page.expect_download() as download:
        page.get_by_role("link", name="netwerk als SVG").click()
    assert ElementTree.fromstring(download.value.path().read_bytes()).tag.endswith("svg")

    page.get_by_role("link", name="wijkportret").click()
    page.get_by_label("Het verhaal van de kade").check()
    page.get_by_role("button", name="Opslaan").click()
    check_accessibility(page, "portrait")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    pdf = download.value.path().read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    assert "Het verhaal van de kade" in reader.pages[0].extract_text()
    (SCREENSHOTS / "export-wijkportret.pdf").write_bytes(pdf)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als plaatje (PNG)").click()
    png = download.value.path().read_bytes()
    assert Image.open(io.BytesIO(png)).width > 1000
    (SCREENSHOTS / "export-wijkportret.png").write_bytes(png)


def test_place_an_asset_by_clicking_the_map(live_server, phone, world):
    page = phone
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/c/{world.slug}/assets/place/new/")
    page.wait_for_selector(".place-picker svg path")  # the buurt is drawn
    check_accessibility(page, "asset form with map")
    page.locator(".place-picker").scroll_into_view_if_needed()
    box = page.locator(".place-picker").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert 51.915 < latitude < 51.922 and 4.460 < longitude < 4.472
    screenshot(page, "asset-form-map-phone")
    page.get_by_label("Naam van de plek").fill("Buurthuis De Gaffel")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Buurthuis De Gaffel").wait_for()
    assert "Gaffelstraat" in page.content()

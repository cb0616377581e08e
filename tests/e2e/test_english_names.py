"""A municipality user who reads Kring in English sees the seeded texts in English: the
self-scan's themes and statements and the social values on the impact page, at 1280 and 390 px,
axe clean and without sideways scroll."""

import pytest

from kring.selfscan import services
from tests import factories
from tests.impact.world import YEAR, make_world

from .conftest import check_accessibility, screenshot


@pytest.fixture
def world(transactional_db, settings):
    settings.KRING_MAP_TILES_URL = ""  # offline: the buurten without tiles
    municipality = factories.MunicipalityFactory(code="GM0599", name="Rotterdam")
    make_world(municipality)
    official = factories.UserFactory(
        email="ambtenaar@example.org", name="Olga Ambtenaar", municipality=municipality
    )
    services.start_round(user=official, name="Voorjaar")
    return official


def _in_english(page, base):
    page.goto(base + "/login/")
    page.get_by_label("E-mailadres").fill("ambtenaar@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_self_scan_and_the_impact_page_in_english(live_server, request, size, world):
    page = request.getfixturevalue(size)
    base = live_server.url
    _in_english(page, base)

    page.goto(base + "/municipality/selfscan/themes/vertrouwen/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Trust in residents"
    body = page.locator("main").inner_text()
    assert "Residents do not first have to prove to us that they can do something." in body
    assert "Vertrouwen in bewoners" not in body
    check_accessibility(page, f"self-scan in English ({size})")
    assert not page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    screenshot(page, f"english-selfscan-{size}")

    page.goto(f"{base}/municipality/impact/?year={YEAR}")
    page.get_by_role("heading", level=1).wait_for()
    # The social values and their sources sit behind one summary ("How it is calculated").
    page.locator("#bronnen summary").click()
    body = page.locator("main").inner_text()
    assert "Hour of care and support by residents (informal care)" in body
    assert "Uur zorg en steun door bewoners" not in body
    check_accessibility(page, f"impact page in English ({size})")
    assert not page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    screenshot(page, f"english-impact-{size}")

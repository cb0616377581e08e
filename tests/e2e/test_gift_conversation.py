"""The Foundation's promise, as a buurtmaker on a phone: log in, hold a gift conversation with
one mistake, fix it, find the gift back; every page passes axe, in Dutch and in English."""

import pytest

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, open_menu, screenshot


@pytest.fixture
def builder(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad")
    district = factories.DistrictFactory(
        municipality=municipality, code="WK999901", name="Havenkwartier"
    )
    buurt = factories.NeighbourhoodFactory(district=district, code="BU99990101", name="Kadebuurt")
    collective = factories.CollectiveFactory(
        name="Havenkwartier Coöperatie", slug="havenkwartier", municipality=municipality
    )
    collective.working_area.add(buurt)
    factories.AssetFactory(
        collective=collective, category="place", title="Buurthuis De Kade", visibility="openbaar"
    )
    user = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    return user


def test_buurtmaker_holds_a_gift_conversation_on_a_phone(live_server, phone, builder):
    page = phone
    page.goto(live_server.url + "/login/")
    check_accessibility(page, "login")
    page.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()
    check_accessibility(page, "overview")
    screenshot(page, "overview-phone")

    page.get_by_role("link", name="Gaven-gesprek voeren").click()
    page.get_by_role("heading", name="Gaven-gesprek", exact=True).wait_for()
    check_accessibility(page, "conversation form")
    # A mistake: a name but no consent for the inventory.
    page.get_by_label("Naam", exact=True).fill("Samira Bakker")
    page.get_by_label("Telefoon", exact=True).fill("06-12345678")
    page.get_by_label("Buurt", exact=True).select_option(label="Kadebuurt")
    page.locator("#id_handen_1").fill("fietsen repareren")
    page.locator("#id_hart_1").fill("wil eenzame ouderen bezoeken")
    page.get_by_label("Gebruiken om mij in contact te brengen met mensen en plannen").check()
    page.get_by_role("button", name="Gesprek opslaan").click()

    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Zonder toestemming voor de inventaris" in summary.inner_text()
    assert page.locator("#id_handen_1").input_value() == "fietsen repareren"
    assert page.get_by_label("Naam", exact=True).input_value() == "Samira Bakker"
    assert page.get_by_label("Telefoon", exact=True).input_value() == "06-12345678"
    # The page fits the phone: nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "conversation with errors")
    screenshot(page, "conversation-error-phone")

    page.get_by_label("Gaven en gegevens bewaren in de inventaris van het collectief").check()
    page.get_by_label("Leden van het collectief mogen mij en mijn gaven zien").check()
    page.get_by_role("button", name="Gesprek opslaan").click()
    page.get_by_role("heading", name="Samira Bakker").wait_for()
    assert "fietsen repareren" in page.content()
    check_accessibility(page, "resident")
    screenshot(page, "resident-phone")

    # Found back in the collective's overview and by searching the gifts.
    open_menu(page)
    page.get_by_role("link", name="Wat is er al").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()
    assert page.get_by_text("fietsen repareren").first.is_visible()
    open_menu(page)
    page.get_by_role("link", name="Krachten").click()
    page.get_by_role("link", name="Gaven van bewoners").click()
    page.get_by_role("searchbox", name="Zoeken", exact=True).fill("ouderen")
    page.locator("main").get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="wil eenzame ouderen bezoeken").wait_for()
    check_accessibility(page, "gift list")

    # In English after switching.
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies taal").click()
    page.wait_for_selector("html[lang=en]")
    open_menu(page)
    assert page.get_by_role("link", name="Residents", exact=True).is_visible()
    check_accessibility(page, "gift list in English")
    screenshot(page, "gifts-english-phone")

"""The resident picker in a browser: without JavaScript the server searches when the form is sent
and offers the matches to choose from; with JavaScript the matches come while typing."""

import pytest

from kring.assets.models import Asset
from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, pick_resident, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9996", name="Kiesstad")
    collective = factories.CollectiveFactory(
        name="Buurthuis Kies", slug="kies", municipality=municipality
    )
    user = factories.UserFactory(email="kiezer@example.org", name="Kim Kiezer")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    people = {}
    for name in ("Jan de Vries", "Janna Bakker", "Jantje Smit", "Piet Kok"):
        people[name] = factories.ResidentFactory(collective=collective, name=name)
        factories.ConsentFactory(resident=people[name])
    other = factories.CollectiveFactory(name="Elders", slug="elders", municipality=municipality)
    factories.ResidentFactory(collective=other, name="Jan Elders")
    return {"collective": collective, "people": people}


@pytest.fixture
def no_script(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="nl-NL",
        bypass_csp=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    yield page
    context.close()


def _log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill("kiezer@example.org")
    form.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()


def _fill_gift(page):
    page.get_by_label("Hoofd: wat iemand weet").check()
    page.get_by_label("Wat is de gave?").fill("Verhalen vertellen")


def test_without_javascript_the_server_offers_the_matches(live_server, no_script, world):
    page = no_script
    _log_in(page, live_server)
    page.goto(live_server.url + "/c/kies/assets/gift/new/")
    page.get_by_role("combobox", name="bewoner").fill("Jan")
    _fill_gift(page)
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "3 bewoners hebben ‘Jan’ in de naam" in summary.inner_text()
    choices = page.get_by_role("group", name="Kies de juiste bewoner")
    assert choices.get_by_role("radio").count() == 3
    assert "Jan Elders" not in page.content() and "Piet Kok" not in page.content()
    screenshot(page, "resident-picker-no-script")  # axe needs JavaScript: checked below
    choices.get_by_label("Janna Bakker").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Verhalen vertellen").wait_for()
    assert Asset.objects.get(title="Verhalen vertellen").resident == world["people"]["Janna Bakker"]


def test_with_javascript_the_matches_come_while_typing(live_server, phone, world):
    page = phone
    _log_in(page, live_server)
    page.goto(live_server.url + "/c/kies/assets/gift/new/")
    pick_resident(page, "bewoner", "janna", "Janna Bakker")
    combobox = page.get_by_role("combobox", name="bewoner")
    assert combobox.input_value() == "Janna Bakker"
    # Escape closes the list without choosing; the choice stays.
    combobox.fill("jan")
    page.locator(".picker-options [role=option]").first.wait_for()
    combobox.press("Escape")
    assert combobox.get_attribute("aria-expanded") == "false"
    pick_resident(page, "bewoner", "pie", "Piet Kok")
    _fill_gift(page)
    check_accessibility(page, "picker with JavaScript")
    # The list of matches the server offers after sending an ambiguous name passes axe too.
    page.get_by_role("combobox", name="bewoner").fill("Jan")
    page.locator(".picker-options [role=option]").first.wait_for()
    page.get_by_role("combobox", name="bewoner").press("Escape")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("group", name="Kies de juiste bewoner").wait_for()
    check_accessibility(page, "matches offered after sending")
    pick_resident(page, "bewoner", "piet", "Piet Kok")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Verhalen vertellen").wait_for()
    assert Asset.objects.get(title="Verhalen vertellen").resident == world["people"]["Piet Kok"]

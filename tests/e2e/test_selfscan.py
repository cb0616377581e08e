"""A municipality official fills in the self-scan on a phone (a draft, then the rest), hands
it in, and reads the profile, the suggestions and the change since the last round. Every page
passes axe."""

import pytest
from playwright.sync_api import expect

from kring.selfscan.models import ScanRound, Statement
from tests import factories
from tests.selfscan.conftest import ensure_starter_themes, fill_in


@pytest.fixture
def world(transactional_db):
    ensure_starter_themes()
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad")
    official = factories.UserFactory(
        email="gemeente@example.org", name="Olga Verhoef", municipality=municipality
    )
    # Last year's round, closed, so the comparison has something to compare with.
    earlier = ScanRound.objects.create(
        municipality=municipality, name="Nulmeting", started_on="2025-10-01", closed_on="2025-11-01"
    )
    from kring.selfscan.models import Response

    fill_in(
        Response.objects.create(round=earlier, submitted_at="2025-10-10T10:00Z"),
        lambda s: s.score(2),
    )
    return official


def log_in(page, url):
    page.goto(url + "/login/")
    page.get_by_label("E-mailadres").fill("gemeente@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_official_fills_in_the_scan_and_reads_the_results(live_server, phone, browser, world):
    from .conftest import check_accessibility, screenshot

    page = phone
    log_in(page, live_server.url)
    page.goto(live_server.url + "/municipality/")
    page.get_by_role("link", name="Zelfscan handelingsperspectieven").click()
    page.wait_for_load_state()
    check_accessibility(page, "self-scan start")
    page.get_by_label("Naam van de ronde").fill("Een jaar later")
    page.get_by_role("button", name="Nieuwe ronde beginnen").click()
    expect(page.locator("body")).to_contain_text("Een jaar later")
    screenshot(page, "selfscan-index-phone")

    page.get_by_role("link", name="Begin met invullen").click()
    page.wait_for_load_state()
    check_accessibility(page, "self-scan theme form")
    screenshot(page, "selfscan-theme-phone")
    # A draft: one answer, saved, and still there when coming back.
    first = page.locator("main").get_by_role("group").first
    first.get_by_label("4 · klopt", exact=True).check()
    page.get_by_role("button", name="Alleen opslaan").click()
    page.wait_for_load_state()
    assert (
        page.locator("main")
        .get_by_role("group")
        .first.get_by_label("4 · klopt", exact=True)
        .is_checked()
    )

    statements = Statement.objects.count()
    answered = 0
    while True:
        groups = page.locator("main").get_by_role("group")
        for index in range(groups.count()):
            groups.nth(index).get_by_label("4 · klopt", exact=True).check()
            answered += 1
        last = page.get_by_role("button", name="Opslaan en naar inleveren")
        if last.count():
            last.click()
            break
        page.get_by_role("button", name="Opslaan en verder").click()
        page.wait_for_load_state()
    page.wait_for_load_state()
    assert answered == statements
    page.get_by_role("button", name="Inleveren").click()
    expect(page.locator("body")).to_contain_text("Uitslag zelfscan")
    check_accessibility(page, "self-scan results")
    screenshot(page, "selfscan-results-phone")

    page.goto(live_server.url + "/municipality/selfscan/")
    page.get_by_label("Eerdere ronde").select_option(label="Nulmeting (01-10-2025)")
    page.get_by_role("button", name="Vergelijken").click()
    expect(page.locator("body")).to_contain_text("hoger")
    check_accessibility(page, "self-scan comparison")
    screenshot(page, "selfscan-compare-phone")

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    wide = desktop.new_page()
    log_in(wide, live_server.url)
    round_pk = ScanRound.objects.get(name="Een jaar later").pk
    wide.goto(f"{live_server.url}/municipality/selfscan/rounds/{round_pk}/")
    check_accessibility(wide, "self-scan results desktop")
    screenshot(wide, "selfscan-results-desktop")
    wide.emulate_media(media="print")
    screenshot(wide, "selfscan-results-print")
    desktop.close()

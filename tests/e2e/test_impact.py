"""A municipality user in the browser: the dashboard of its own gemeente only, the "hoe
berekend" panel, and the council report as PDF and XLSX with the figures of the screen."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kring.impact.models import ShareGroup, SharingChoice
from tests import factories
from tests.impact.world import YEAR, make_world

from .conftest import SCREENSHOTS, check_accessibility, screenshot


def _square(x, y, size=0.01):
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


@pytest.fixture
def world(transactional_db, settings):
    settings.KRING_MAP_TILES_URL = ""  # offline: the buurten without tiles
    municipality = factories.MunicipalityFactory(code="GM0599", name="Rotterdam")
    made = make_world(municipality)
    for n, buurt in enumerate(made["buurten"]):
        buurt.boundary = _square(4.46 + 0.01 * (n % 2), 51.91 + 0.01 * (n // 2))
        buurt.save()
    other = factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    stranger = factories.CollectiveFactory(name="Utrechts Collectief", municipality=other)
    SharingChoice.objects.create(
        collective=stranger, municipality=other, groups=list(ShareGroup.values)
    )
    factories.UserFactory(
        email="ambtenaar@example.org", name="Olga Ambtenaar", municipality=municipality
    )
    return made


def test_municipality_dashboard_panel_and_reports(live_server, desktop, world):
    page = desktop
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("ambtenaar@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/municipality/impact/?year={YEAR}")
    body = page.content()
    assert "Collectief a" in body and "Utrechts Collectief" not in body
    page.wait_for_selector("#impact-map path.choro-4, #impact-map path.choro-3, #impact-map path")
    check_accessibility(page, "impact dashboard")
    screenshot(page, "impact-dashboard")

    panel = page.locator("details.how").first
    panel.locator("summary").click()
    assert panel.get_attribute("open") is not None
    assert "minimumuurloon" in panel.inner_text() or "Bron" in panel.inner_text()
    # The long table is folded per group: read the cell without opening it.
    shown = page.locator("td[data-indicator=residents]").text_content().strip()
    assert shown.isdigit(), shown

    page.locator("#rapport").scroll_into_view_if_needed()
    page.locator("form[action$='/reports/'] select").select_option(str(YEAR))
    page.get_by_role("button", name="Rapport maken").click()
    page.wait_for_selector("text=PDF downloaden")
    check_accessibility(page, "report page")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    pdf = download.value.path().read_bytes()
    (SCREENSHOTS / "impact-report.pdf").write_bytes(pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert shown in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX) downloaden").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    total = [r for r in rows if r[0] == "residents" and r[2] == "gemeente" and r[6] == "jaar"]
    assert total and str(total[0][7]) == shown


def test_an_admin_stops_sharing_and_the_gemeente_no_longer_sees_it(live_server, desktop, world):
    from kring.communities.models import Role

    first = world["collectives"][0]
    admin = factories.UserFactory(email="beheer@example.org", name="Bea Beheer")
    factories.MembershipFactory(user=admin, collective=first, role=Role.ADMIN)
    page = desktop
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/c/{first.slug}/sharing/")
    check_accessibility(page, "sharing")
    checked = page.locator("input[type=checkbox]:checked")
    while checked.count():
        checked.first.uncheck()
    page.get_by_role("button", name="Keuze opslaan").click()
    page.wait_for_selector("text=niets (gestopt)")
    screenshot(page, "impact-sharing")
    assert SharingChoice.objects.get(collective=first).groups == []
    page.context.clear_cookies()
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("ambtenaar@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/municipality/impact/?year={YEAR}")
    body = page.content()
    assert first.name not in body and world["collectives"][1].name in body

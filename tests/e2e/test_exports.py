"""An admin opens the export page, downloads a spreadsheet and switches on open data; a
superuser checks a CBS file in the admin site and stores it. The export page and the archive
page pass axe."""

import zipfile

import pytest
from playwright.sync_api import expect

from kring.communities.models import Role
from kring.geo.models import Municipality
from tests import factories

from .conftest import check_accessibility, screenshot

SAMPLE = "kring/geo/data/sample-kringstad.geojson"


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9998", name="Kringdorp")
    collective = factories.CollectiveFactory(
        name="Wijkcentrum Lindenhof", slug="lindenhof", municipality=municipality
    )
    admin = factories.UserFactory(
        email="beheer@example.org", name="Anke Beheerder", is_staff=True, is_superuser=True
    )
    factories.MembershipFactory(user=admin, collective=collective, role=Role.ADMIN)
    resident = factories.ResidentFactory(collective=collective, name="Noor Vermeulen")
    factories.ConsentFactory(resident=resident)
    factories.GiftFactory(collective=collective, resident=resident, title="kan goed luisteren")
    factories.AssetFactory(
        collective=collective,
        title="Buurthuis",
        visibility="openbaar",
        latitude=52.0,
        longitude=5.1,
    )
    return collective


def log_in(page, url):
    page.goto(url + "/login/")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_export_page_downloads_and_open_data(live_server, desktop, world):
    page = desktop
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/c/lindenhof/export/")
    check_accessibility(page, "export page")
    screenshot(page, "exports-page-desktop")
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").first.click()
    assert zipfile.is_zipfile(download.value.path())  # an XLSX is a zip
    # The archive is made in the background (at once in the tests); its page offers it.
    page.get_by_role("button", name="Maak het verhuisarchief").click()
    page.get_by_text("Het verhuisarchief is klaar").wait_for()
    check_accessibility(page, "moving archive page")
    screenshot(page, "exports-archive-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het verhuisarchief").click()
    assert "manifest.json" in zipfile.ZipFile(download.value.path()).namelist()
    page.get_by_role("link", name="Terug naar exporteren").click()
    page.wait_for_load_state()
    page.get_by_label("Bied de openbare bronnen als open data aan op ons openbare profiel").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("body")).to_contain_text("open data is pas te zien")
    check_accessibility(page, "export page after saving")


def test_admin_cbs_import(live_server, desktop, world):
    page = desktop
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/geo/municipality/")
    page.get_by_role("link", name="Importeer CBS-bestand").click()
    page.get_by_label("GeoJSON-bestand van het CBS").set_input_files(SAMPLE)
    page.get_by_role("button", name="Controleren").click()
    # Checked in the background (at once in the tests): the progress page shows the outcome.
    page.get_by_text("Het bestand is in orde").wait_for()
    assert not Municipality.objects.filter(code="GM9999").exists()
    screenshot(page, "exports-admin-cbs-check")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De gebieden zijn opgeslagen:").wait_for()
    assert Municipality.objects.filter(code="GM9999").exists()
    screenshot(page, "exports-admin-cbs-done")


def test_export_page_on_a_phone(live_server, phone, world):
    log_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/c/lindenhof/export/")
    check_accessibility(phone, "export page on a phone")
    screenshot(phone, "exports-page-phone")

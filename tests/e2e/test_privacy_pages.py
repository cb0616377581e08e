"""A buurtmaker handles a resident's request to see and erase what is kept; an admin reads the
audit log. Every page passes axe, on a phone."""

import pytest

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad")
    collective = factories.CollectiveFactory(
        name="Wijkcentrum Lindenhof", slug="lindenhof", municipality=municipality
    )
    admin = factories.UserFactory(email="beheer@example.org", name="Anke Beheerder")
    factories.MembershipFactory(user=admin, collective=collective, role=Role.ADMIN)
    resident = factories.ResidentFactory(collective=collective, name="Noor Vermeulen")
    factories.ConsentFactory(resident=resident)
    factories.GiftFactory(collective=collective, resident=resident, title="kan goed luisteren")
    return collective, resident


def log_in(page, url):
    page.goto(url + "/login/")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_inzage_erasure_and_audit_log(live_server, phone, world):
    collective, resident = world
    page = phone
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/c/{collective.slug}/residents/{resident.pk}/privacy/")
    assert "kan goed luisteren" in page.content()
    check_accessibility(page, "inzage")
    screenshot(page, "privacy-inzage-phone")
    with page.expect_download() as download:
        page.locator(f"a[href$='/residents/{resident.pk}/privacy/export.pdf']").first.click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    page.goto(f"{live_server.url}/c/{collective.slug}/residents/{resident.pk}/erase/")
    check_accessibility(page, "erase confirmation")
    page.get_by_role("button", name="Ja, alles wissen").click()
    page.locator(".error-summary").wait_for()  # without the tick nothing is erased
    check_accessibility(page, "erase refused")
    page.get_by_label("De bewoner heeft zelf gevraagd om alles te wissen").check()
    page.get_by_role("button", name="Ja, alles wissen").click()
    page.wait_for_load_state()
    check_accessibility(page, "after erasure")
    page.goto(f"{live_server.url}/c/{collective.slug}/residents/")
    assert "Noor Vermeulen" not in page.content()

    page.goto(f"{live_server.url}/c/{collective.slug}/audit/")
    check_accessibility(page, "audit log")
    screenshot(page, "audit-log-phone")
    page.goto(f"{live_server.url}/toegankelijkheid/")
    check_accessibility(page, "toegankelijkheidsverklaring")

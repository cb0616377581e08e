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
    # Texts of the collective that name her: to look at before the erasure.
    factories.InitiativeFactory(
        collective=collective,
        title="Moestuin achter de flat",
        description="Noor Vermeulen heeft de sleutel van de poort en weet wanneer er water is.",
    )
    factories.AssetFactory(
        collective=collective, category="association", contact="Vraag naar Noor, 06-12345678"
    )
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
    mentions = page.get_by_role("region", name="Staat de naam nog ergens anders?")
    assert mentions.get_by_role("listitem").count() == 2
    assert set(mentions.locator("mark").all_inner_texts()) == {"Noor", "Noor Vermeulen"}
    assert mentions.get_by_role("link", name="Naar tekst 1").is_visible()
    check_accessibility(page, "erase confirmation with mentions")
    screenshot(page, "erase-mentions-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.get_by_role("button", name="Ja, alles wissen").click()
    page.locator(".error-summary").wait_for()  # without the tick nothing is erased
    assert page.locator(".error-summary li").count() == 3  # the tick and both texts
    check_accessibility(page, "erase refused")
    for number in (1, 2):
        page.get_by_role("group", name=f"Tekst {number} ").get_by_label(
            "Het gaat over iemand anders met dezelfde naam."
        ).check()
    page.get_by_label("De bewoner heeft zelf gevraagd om alles te wissen").check()
    page.get_by_role("button", name="Ja, alles wissen").click()
    page.get_by_role("heading", name="Bewijs van wissen").wait_for()
    assert page.get_by_text("Zo gelaten.").count() == 2
    assert "Noor" not in page.locator("main").inner_text()
    check_accessibility(page, "erasure receipt")
    screenshot(page, "erasure-receipt-phone")
    page.goto(f"{live_server.url}/c/{collective.slug}/residents/")
    assert "Noor Vermeulen" not in page.content()

    page.goto(f"{live_server.url}/c/{collective.slug}/audit/")
    check_accessibility(page, "audit log")
    screenshot(page, "audit-log-phone")
    page.goto(f"{live_server.url}/toegankelijkheid/")
    check_accessibility(page, "toegankelijkheidsverklaring")

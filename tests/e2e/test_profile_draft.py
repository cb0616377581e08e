"""A collective's admin changes a published profile: the change is a draft, the preview shows
it as the public will see it, the public page keeps the old text until it is published."""

import pytest
from playwright.sync_api import expect

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def published(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad")
    collective = factories.CollectiveFactory(
        name="Wijkcentrum Lindenhof",
        slug="lindenhof",
        municipality=municipality,
        public_place="Kringstad",
        public_teaser="Het huis van de buurt.",
        is_public=True,
    )
    admin = factories.UserFactory(email="beheer@example.org", name="Anke Beheerder")
    factories.MembershipFactory(user=admin, collective=collective, role=Role.ADMIN)
    return collective


def test_draft_preview_then_publish(live_server, phone, published):
    page = phone
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/c/{published.slug}/public-profile/")
    page.get_by_label("Korte tekst voor de kaart in de ledenlijst").fill("Nu ook met een moestuin.")
    page.get_by_role("button", name="Concept opslaan en voorbeeld bekijken").click()
    expect(page.locator("body")).to_contain_text("Dit is een concept.")
    expect(page.locator("body")).to_contain_text("Nu ook met een moestuin.")
    check_accessibility(page, "profile draft preview")
    screenshot(page, "profile-draft-preview-phone")

    public = page.context.new_page()
    public.goto(f"{live_server.url}/members/{published.slug}/")
    assert "Het huis van de buurt." in public.content()
    assert "moestuin" not in public.content()

    page.get_by_role("button", name="Concept publiceren").click()
    page.wait_for_load_state()
    public.reload()
    assert "Nu ook met een moestuin." in public.content()

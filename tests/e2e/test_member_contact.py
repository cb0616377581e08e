"""A collective puts contact details and a contact form on its public profile; a visitor on a
phone sees the details, sends a message and the collective gets it by mail, answerable to the
visitor, while its own address never shows. A second message right after is refused kindly."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, screenshot

ADDRESS = "post@lindenhof.nl"


@pytest.fixture
def published(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9999", name="Kringstad")
    collective = factories.CollectiveFactory(
        name="Wijkcentrum Lindenhof",
        slug="lindenhof",
        municipality=municipality,
        public_place="Kringstad",
        public_teaser="Het huis van de buurt.",
        public_description="In de oude Lindeschool drinken buren koffie, repareren fietsen "
        "en leren van elkaar.",
        is_public=True,
    )
    factories.AssetFactory(
        collective=collective,
        category="place",
        title="De Lindeschool",
        address="Lindelaan 4, 9999 AB Kringstad",
        visibility="openbaar",
    )
    admin = factories.UserFactory(email="beheer@example.org", name="Anke Beheerder")
    factories.MembershipFactory(user=admin, collective=collective, role=Role.ADMIN)
    return collective


def no_sideways_scroll(page):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def test_contact_details_and_form(live_server, phone, desktop, published):
    page = phone
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()

    # The collective chooses what its profile shows.
    page.goto(f"{live_server.url}/c/{published.slug}/public-profile/")
    expect(page.get_by_role("heading", name="Openbaar profiel", exact=True)).to_be_visible()
    page.get_by_label("E-mailadres voor bezoekers").fill(ADDRESS)
    expect(page.get_by_label("Zet een contactformulier op het profiel")).to_be_checked()
    expect(page.get_by_label("Toon dit e-mailadres op het profiel")).not_to_be_checked()
    page.get_by_label("Website").fill("lindenhof.nl")
    page.get_by_label("Telefoonnummer").fill("bel maar")
    page.get_by_label("Bezoekadres kiezen").select_option(
        label="De Lindeschool: Lindelaan 4, 9999 AB Kringstad"
    )
    page.get_by_role("button", name="Concept opslaan en voorbeeld bekijken").click()
    # A wrong number: a plain Dutch error, and everything typed is still there.
    expect(page.locator(".error-summary")).to_contain_text("Dit telefoonnummer klopt niet.")
    expect(page.get_by_label("Website")).to_have_value("lindenhof.nl")
    expect(page.get_by_label("E-mailadres voor bezoekers")).to_have_value(ADDRESS)
    check_accessibility(page, "profile edit with an error")
    no_sideways_scroll(page)
    screenshot(page, "member-contact-edit-phone")
    page.get_by_label("Telefoonnummer").fill("0999-123 456")
    page.get_by_role("button", name="Concept opslaan en voorbeeld bekijken").click()
    expect(page.get_by_role("heading", name="Voorbeeld van uw openbare profiel")).to_be_visible()
    expect(page.locator(".preview-frame")).to_contain_text("Lindelaan 4, 9999 AB Kringstad")
    expect(page.locator(".preview-frame")).to_contain_text("Hier staat voor bezoekers")
    page.get_by_role("button", name="Concept publiceren").click()
    expect(page.locator(".messages")).to_contain_text("Uw profiel staat nu in de ledenlijst")

    # A visitor on a phone sees the details, not the address the messages go to.
    visitor = page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", bypass_csp=True
    ).new_page()
    visitor.goto(f"{live_server.url}/members/{published.slug}/")
    expect(visitor.get_by_role("heading", name="Wijkcentrum Lindenhof")).to_be_visible()
    details = visitor.locator(".contact-details")
    expect(details).to_contain_text("Lindelaan 4, 9999 AB Kringstad")
    expect(details.get_by_role("link", name="0999-123 456")).to_have_attribute(
        "href", "tel:+31999123456"
    )
    expect(details.get_by_role("link", name="lindenhof.nl")).to_have_attribute(
        "href", "https://lindenhof.nl"
    )
    assert ADDRESS not in visitor.content()
    check_accessibility(visitor, "member profile with contact details")
    no_sideways_scroll(visitor)
    screenshot(visitor, "member-contact-profile-phone")

    visitor.get_by_label("Uw naam").fill("Sanne de Vries")
    visitor.get_by_label("Uw e-mailadres").fill("sanne@voorbeeld.nl")
    visitor.get_by_label("Uw bericht").fill("Mag de naaiclub op dinsdag in de grote zaal?")
    visitor.get_by_role("button", name="Bericht versturen").click()
    expect(visitor.get_by_role("heading", name="Uw bericht is verstuurd")).to_be_visible()
    assert ADDRESS not in visitor.content()
    check_accessibility(visitor, "message sent")
    screenshot(visitor, "member-contact-sent-phone")
    [sent] = mail.outbox
    assert sent.to == [ADDRESS]
    assert sent.reply_to == ["sanne@voorbeeld.nl"]
    assert "Mag de naaiclub op dinsdag in de grote zaal?" in sent.body

    # Right after, a second message is refused kindly and what was typed stays.
    visitor.get_by_role("link", name="Terug naar Wijkcentrum Lindenhof").click()
    expect(visitor.get_by_role("heading", name="Wijkcentrum Lindenhof")).to_be_visible()
    visitor.get_by_label("Uw naam").fill("Sanne de Vries")
    visitor.get_by_label("Uw e-mailadres").fill("sanne@voorbeeld.nl")
    visitor.get_by_label("Uw bericht").fill("En op donderdag?")
    visitor.get_by_role("button", name="Bericht versturen").click()
    expect(visitor.get_by_role("heading", name="Bericht aan Wijkcentrum Lindenhof")).to_be_visible()
    expect(visitor.get_by_role("alert")).to_contain_text(
        "U stuurde dit collectief net al een bericht."
    )
    expect(visitor.get_by_label("Uw bericht")).to_have_value("En op donderdag?")
    check_accessibility(visitor, "message refused: too soon")
    no_sideways_scroll(visitor)
    screenshot(visitor, "member-contact-too-soon-phone")
    assert len(mail.outbox) == 1
    visitor.context.close()

    desktop.goto(f"{live_server.url}/members/{published.slug}/")
    expect(desktop.get_by_role("heading", name="Wijkcentrum Lindenhof")).to_be_visible()
    check_accessibility(desktop, "member profile with contact details, desktop")
    screenshot(desktop, "member-contact-profile-desktop")

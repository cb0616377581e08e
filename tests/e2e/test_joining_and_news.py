"""On a phone: a collective signs up, confirms its address, an editor approves, the new
beheerder accepts the invitation, logs in and sees the checklist. A buurtmaker writes a
message, previews it, mails a test to themself, confirms, the worker sends, the report shows.
axe on every page, and no page wider than the phone."""

import re

import pytest
from django.core import mail

from kring.communities.models import Role
from kring.people.models import ConsentPurpose
from tests import factories

from .conftest import check_accessibility, screenshot


def path_in(message, start: str) -> str:
    return re.search(rf"https?://[^/\s]+({start}\S+)", message.body).group(1)


def no_sideways_scroll(page, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{label} is {width} px wide"


def check(page, label: str, shot: str | None = None) -> None:
    check_accessibility(page, label)
    no_sideways_scroll(page, label)
    if shot:
        screenshot(page, shot)


def log_in(page, url, email, password=factories.PASSWORD):
    page.goto(url + "/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


@pytest.fixture
def world(transactional_db):
    gemeente = factories.MunicipalityFactory(code="GM0599", name="Rotterdam")
    district = factories.DistrictFactory(municipality=gemeente, code="WK059901", name="Centrum")
    buurt = factories.NeighbourhoodFactory(district=district, code="BU05990101", name="Oude Haven")
    editor = factories.UserFactory(
        email="redactie@example.org", name="Rita Redactie", is_network_editor=True
    )
    return {"gemeente": gemeente, "buurt": buurt, "editor": editor}


def test_a_collective_signs_up_and_its_beheerder_sees_the_checklist(live_server, phone, world):
    page = phone
    page.goto(live_server.url + "/join/")
    check(page, "sign-up form", "join-form-390")
    # Sent too early: Dutch errors at the fields, everything typed stays.
    page.locator("#id_name").fill("Buurtkracht Oude Haven")
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.wait_for_selector(".error-summary")
    assert "Vul de naam van de contactpersoon in." in page.content()
    assert page.locator("#id_name").input_value() == "Buurtkracht Oude Haven"
    check(page, "sign-up with errors", "join-errors-390")

    page.locator("#id_municipality").select_option(label="Rotterdam")
    page.get_by_role("button", name="Toon de buurten").click()
    page.get_by_label("Oude Haven").check()
    page.locator("#id_legal_form").select_option("stichting")
    page.locator("#id_contact_name").fill("Noor Haven")
    page.locator("#id_contact_email").fill("noor@example.org")
    page.locator("#id_description").fill("Bewoners van de Oude Haven doen het samen.")
    page.locator("#id_terms").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    # The buurten button jumps to #buurten; the browser keeps that mark through the redirect.
    page.wait_for_url(re.compile(r".*/join/sent/(#.*)?$"))
    check(page, "sign-up sent")

    page.goto(live_server.url + path_in(mail.outbox[-1], "/join/confirm/"))
    check(page, "confirm address")
    page.get_by_role("button", name="Ja, dit is mijn e-mailadres").click()
    page.wait_for_selector("h1:text('E-mailadres bevestigd')")
    check(page, "address confirmed")
    assert mail.outbox[-1].to == ["redactie@example.org"]

    log_in(page, live_server.url, "redactie@example.org")
    page.goto(live_server.url + "/editorial/")
    page.get_by_role("link", name="Aanmeldingen van collectieven").click()
    check(page, "editor's list of sign-ups")
    page.get_by_role("link", name="Buurtkracht Oude Haven").click()
    check(page, "editor's sign-up page", "join-editor-390")
    page.get_by_role("button", name="Goedkeuren en uitnodigen").click()
    page.wait_for_url("**/editorial/collectives/")
    assert "Goedgekeurd" in page.content()
    # Log out (the session cookie goes) before the invitation is opened.
    page.context.clear_cookies()

    invitation = next(m for m in mail.outbox if "/invitation/" in m.body)
    assert invitation.to == ["noor@example.org"]
    page.goto(live_server.url + path_in(invitation, "/invitation/"))
    check(page, "accept invitation")
    page.get_by_label("Uw naam").fill("Noor Haven")
    page.get_by_label("Kies een wachtwoord").fill("samen aan de haven 2026")
    page.get_by_label("Typ het wachtwoord nog een keer").fill("samen aan de haven 2026")
    page.get_by_role("button", name="Uitnodiging aannemen").click()
    page.wait_for_selector("text=Eerste stappen")
    page.context.clear_cookies()

    log_in(page, live_server.url, "noor@example.org", "samen aan de haven 2026")
    page.wait_for_selector("text=Eerste stappen")
    assert "0 van de 5 stappen gedaan" in page.content()
    check(page, "overview with the checklist", "join-checklist-390")
    page.get_by_role("link", name="Voer het eerste gaven-gesprek").click()
    page.wait_for_url("**/conversation/")


@pytest.fixture
def haven(transactional_db):
    collective = factories.CollectiveFactory(name="Havenkwartier Coöperatie", slug="haven")
    bob = factories.UserFactory(email="bob@example.org", name="Bob Buurtmaker")
    factories.MembershipFactory(user=bob, collective=collective, role=Role.BUILDER)
    for name, email in [("Anna Mail", "anna@example.nl"), ("Piet Papier", "")]:
        resident = factories.ResidentFactory(
            collective=collective, name=name, email=email, address="Kade 3"
        )
        factories.ConsentFactory(resident=resident, purpose=ConsentPurpose.NEWS)
    return collective


def test_a_buurtmaker_sends_a_message_and_sees_the_report(live_server, phone, desktop, haven):
    page = phone
    log_in(page, live_server.url, "bob@example.org")
    page.goto(live_server.url + "/c/haven/news/")
    check(page, "messages")
    page.get_by_role("link", name="Nieuw bericht").click()
    check(page, "new message")
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    page.wait_for_selector(".error-summary")
    assert "Vul een onderwerp in." in page.content()
    page.get_by_label("Onderwerp").fill("Buurtfeest op de kade")
    page.get_by_label("Tekst").fill(
        "Zaterdag 14 uur is er feest op de kade.\n\nNeem iets lekkers mee!"
    )
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    page.wait_for_selector("h1:text('Voorbeeld van het bericht')")
    assert "1 persoon per e-mail" in page.content()
    assert "1 bewoner zonder e-mailadres" in page.content()
    check(page, "preview", "news-preview-390")

    page.get_by_role("button", name="Proefmail naar mijzelf").click()
    page.wait_for_selector("text=De proefmail is verstuurd naar bob@example.org")
    assert mail.outbox[-1].subject == "[Proef] Buurtfeest op de kade"

    page.get_by_role("link", name="Verder naar versturen").click()
    page.get_by_role("heading", name="Bericht versturen").wait_for()
    assert "Dit bericht gaat naar 1 persoon per e-mail." in page.content()
    check(page, "confirm sending", "news-send-390")
    page.get_by_role("button", name="Ja, verstuur naar 1 persoon").click()
    page.wait_for_url("**/report/")
    page.reload()
    check(page, "delivery report", "news-report-390")
    assert "Anna Mail" in page.content()
    sent = [m for m in mail.outbox if m.to == ["anna@example.nl"]]
    assert len(sent) == 1 and "List-Unsubscribe" in sent[0].extra_headers
    page.get_by_role("link", name="Lijst voor langs de deuren").click()
    page.get_by_role("heading", name="Langs de deuren").wait_for()
    assert "Piet Papier" in page.content()
    check(page, "door-to-door list")

    # The same pages on a wide screen, for the report's pictures.
    log_in(desktop, live_server.url, "bob@example.org")
    desktop.goto(page.url.replace("doors/", "preview/"))
    screenshot(desktop, "news-preview-1280")
    desktop.goto(page.url.replace("doors/", "report/"))
    screenshot(desktop, "news-report-1280")
    desktop.goto(live_server.url + "/join/")
    screenshot(desktop, "join-form-1280")

"""Connecting, as a buurtmaker on a phone: record an initiative with needs under the three
questions, find who can help (the real matching engine), connect, and find it in the log; and
book a room, be refused a double booking, record attendance and see the ties and hours."""

import datetime

import pytest
from django.utils import timezone

from kring.communities.models import Role
from kring.matching.services import rebuild_search_index
from tests import factories

from .conftest import check_accessibility, open_menu, pick_resident, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9998", name="Kringstad")
    district = factories.DistrictFactory(municipality=municipality, code="WK999801", name="Fort")
    buurt = factories.NeighbourhoodFactory(district=district, code="BU99980101", name="Vreeswijk")
    collective = factories.CollectiveFactory(
        name="Dorpshuis Fort", slug="fort", municipality=municipality
    )
    collective.working_area.add(buurt)
    user = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)

    def resident(name, gift, *purposes):
        person = factories.ResidentFactory(collective=collective, name=name, neighbourhood=buurt)
        for purpose in purposes:
            factories.ConsentFactory(resident=person, purpose=purpose)
        if gift:
            factories.GiftFactory(collective=collective, resident=person, title=gift)
        return person

    resident("Samira Bakker", "fietsen repareren", "inventaris", "verbinden")
    resident("Kees Zonder", "fietsen repareren en banden plakken", "inventaris")
    resident("Anna Taal", "Arabisch spreken", "inventaris", "verbinden")
    resident("Fatima El Amrani", "", "inventaris")
    resident("Henk de Vries", "", "inventaris")
    rebuild_search_index(collective=collective)
    place = factories.AssetFactory(
        collective=collective, category="place", title="Zaal in het Fort", neighbourhood=buurt
    )
    return {"collective": collective, "place": place}


def _log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    form.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()


def test_a_need_finds_its_helper_is_connected_and_logged(live_server, phone, world):
    page = phone
    _log_in(page, live_server)
    open_menu(page)
    page.get_by_role("link", name="Initiatieven").click()
    page.get_by_role("heading", name="Initiatieven", exact=True).wait_for()
    check_accessibility(page, "initiatives list")
    page.get_by_role("link", name="Nieuw initiatief").click()
    check_accessibility(page, "initiative form")
    page.get_by_label("Naam van het initiatief").fill("Repair café in het Fort")
    page.get_by_label("Wat is het plan?").fill("Elke zaterdag samen spullen maken.")
    page.get_by_label("loopt").check()
    page.get_by_label("Wat doen bewoners zelf?").fill("koffie zetten\nflyers uitdelen")
    # Worded differently from the gift "fietsen repareren": synonym, compound and stem.
    page.get_by_label("Wat lukt met wat hulp?").fill("iemand voor rijwielreparaties")
    page.get_by_label("Wat moet een instelling doen?").fill("vergunning voor de zaal")
    pick_resident(page, "bedenkers", "fati", "Fatima El Amrani")
    assert page.get_by_label("Fatima El Amrani").is_checked()
    check_accessibility(page, "initiative form with a picked resident")
    screenshot(page, "resident-picker-phone")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Repair café in het Fort").wait_for()
    for question in (
        "Wat doen bewoners zelf?",
        "Wat lukt met wat hulp?",
        "Wat moet een instelling doen?",
    ):
        assert page.get_by_role("heading", name=question).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_accessibility(page, "initiative detail")
    screenshot(page, "initiative-phone")

    page.get_by_role("link", name="Wie kan helpen? — iemand voor rijwielreparaties").click()
    page.get_by_role("heading", name="Wie kan helpen?").wait_for()
    first = page.locator(".helper").first
    assert "Samira Bakker" in first.locator(".helper-name").inner_text()
    assert first.locator(".reasons li").count() >= 1
    assert "Kees Zonder" not in page.content()
    check_accessibility(page, "who can help")
    screenshot(page, "helpers-phone")

    first.get_by_role("button", name="Verbinden").click()
    page.get_by_role("heading", name="Bericht om te sturen of te printen").wait_for()
    text = page.get_by_role("textbox", name="Bericht").input_value()
    assert text.startswith("Hoi Samira,")
    assert "rijwielreparaties" in text
    check_accessibility(page, "introduction note")
    screenshot(page, "introduction-phone")

    page.get_by_role("link", name="Verbindingen").first.click()
    page.get_by_role("heading", name="Verbindingen", exact=True).wait_for()
    entry = page.locator(".connections li").first
    assert "Samira Bakker" in entry.inner_text()
    assert "voorgesteld aan elkaar" in entry.inner_text()
    check_accessibility(page, "connections log")
    page.goto(live_server.url + "/c/fort/initiatives/")
    page.get_by_role("link", name="Repair café in het Fort").click()
    page.get_by_role("heading", name="Repair café in het Fort").wait_for()
    assert page.locator(".need-gevonden").count() == 1


def test_a_room_is_never_booked_twice_and_attendance_makes_ties(live_server, desktop, world):
    page = desktop
    initiative = factories.InitiativeFactory(
        collective=world["collective"], title="Taalcafé", status="loopt"
    )
    day = timezone.localdate() + datetime.timedelta(days=1)
    _log_in(page, live_server)
    page.goto(live_server.url + initiative.get_absolute_url())

    def plan(title, start, end):
        page.get_by_role("link", name="Activiteit plannen").click()
        page.get_by_label("Wat gebeurt er?").fill(title)
        page.get_by_label("Datum").fill(day.isoformat())
        page.get_by_label("Begintijd").fill(start)
        page.get_by_label("Eindtijd").fill(end)
        page.get_by_label("Plek").select_option(label="Zaal in het Fort")
        page.get_by_role("button", name="In de agenda zetten").click()

    plan("Taalcafé", "10:00", "12:00")
    page.get_by_role("heading", name="Taalcafé").wait_for()
    check_accessibility(page, "activity")
    first_activity = page.url
    page.get_by_role("link", name="Taalcafé").first.click()
    plan("Buurtlunch", "11:30", "13:00")
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Deze plek is dan al bezet door “Taalcafé”" in summary.inner_text()
    assert page.get_by_label("Wat gebeurt er?").input_value() == "Buurtlunch"
    assert page.get_by_label("Begintijd").input_value() == "11:30"
    check_accessibility(page, "double booking refused")
    screenshot(page, "double-booking")

    page.goto(first_activity)
    page.get_by_role("link", name="Aanwezigheid vastleggen").click()
    for name in ("Samira Bakker", "Fatima El Amrani", "Henk de Vries"):
        pick_resident(page, "Wie kwamen er?", name.split()[0][:4], name)
    page.get_by_label("Hoeveel uren vrijwillige hulp zijn er gegeven, samen?").fill("6")
    check_accessibility(page, "attendance form")
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.get_by_role("heading", name="Verbindingen uit deze activiteit").wait_for()
    assert "nieuwe verbindingen" in page.locator(".messages").inner_text()
    ties = page.locator("section .item-list li")
    # Three pairs who met, and each of them with the room: one line per person.
    assert "6 verbindingen, per persoon:" in page.locator("#ties-title + p").inner_text()
    assert ties.count() == 3
    assert "Zaal in het Fort" in ties.last.inner_text()
    check_accessibility(page, "activity with ties")
    screenshot(page, "attendance-ties")
    page.get_by_role("link", name="Taalcafé").first.click()
    # Wait for the initiative page itself: reading the content while the click's
    # navigation is still under way returns an empty document.
    page.wait_for_url(live_server.url + initiative.get_absolute_url())
    page.get_by_text("Uren hulp gegeven bij activiteiten: 6").wait_for()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Initiatieven"
    ).click()
    page.get_by_role("link", name="Agenda van deze week").click()
    check_accessibility(page, "agenda")
    screenshot(page, "agenda")

"""A repeating activity on the public agenda, on a phone: a buurtmaker plans a weekly repair
café with one date skipped and puts it on the public agenda; a visitor finds the dates on the
collective's public page (not the skipped one) and the .ics feed behind its link parses."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from kring.communities.access import collective_access
from kring.communities.models import Role
from kring.initiatives import services
from kring.initiatives.models import ActivitySeries
from tests import factories

from .conftest import check_accessibility, screenshot


def _saturday(after_days: int) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=after_days)
    return day + datetime.timedelta(days=(5 - day.weekday()) % 7)


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9997", name="Kringstad")
    collective = factories.CollectiveFactory(
        name="Dorpshuis Fort", slug="fort", municipality=municipality
    )
    collective.public_place, collective.public_teaser, collective.is_public = (
        "Nieuwegein",
        "Het dorpshuis van en voor Vreeswijk.",
        True,
    )
    collective.save()
    user = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    initiative = factories.InitiativeFactory(collective=collective, title="Repair café")
    place = factories.AssetFactory(
        collective=collective, category="place", title="Zaal in het Fort", visibility="openbaar"
    )
    resident = factories.ResidentFactory(collective=collective, name="Samira Bakker")
    return {
        "collective": collective,
        "initiative": initiative,
        "place": place,
        "user": user,
        "resident": resident,
    }


def _log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    form.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def test_a_weekly_repair_cafe_with_a_skipped_date_on_the_public_agenda(
    live_server, phone, browser, world
):
    page = phone
    first = _saturday(7)
    skipped = first + datetime.timedelta(weeks=1)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/c/fort/initiatives/{world['initiative'].pk}/")
    page.get_by_role("heading", name="Repair café", exact=True).wait_for()
    page.get_by_role("link", name="Activiteit plannen").click()
    page.get_by_role("heading", name="Activiteit plannen").wait_for()

    page.get_by_label("Wat gebeurt er?").fill("Repair café op zaterdag")
    page.locator("#id_date").fill(first.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("13:00")
    page.get_by_label("Plek").select_option(label="Zaal in het Fort")
    page.get_by_label("elke week", exact=True).check()
    page.get_by_label("Aantal keer").fill("4")
    page.get_by_label("Niet op deze dagen").fill(f"{skipped:%d-%m-%Y}")
    page.get_by_label("Op de openbare agenda").check()
    check_accessibility(page, "activity form with repeat")
    _no_sideways_scroll(page)
    screenshot(page, "activity-repeat-form-390")
    page.get_by_role("button", name="In de agenda zetten").click()

    page.get_by_role("heading", name="Repair café op zaterdag").wait_for()
    assert "De reeks staat in de agenda: 3 keer." in page.locator(".messages").inner_text()
    assert "elke week op zaterdag, 4 keer" in page.locator("dl.details").inner_text()
    skipped_section = page.locator(
        "section", has=page.get_by_role("heading", name="Gaat niet door")
    )
    assert str(skipped.day) in skipped_section.inner_text()
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Komende keren"))
    assert upcoming.locator("li").count() == 3
    check_accessibility(page, "series page")
    _no_sideways_scroll(page)
    screenshot(page, "activity-series-390")

    # One occurrence: the page says it belongs to the series; editing says it is this time only.
    upcoming.get_by_role("link").first.click()
    page.get_by_role("link", name="Alleen deze keer aanpassen").wait_for()
    assert page.get_by_role("link", name="Deze keer overslaan").is_visible()
    assert page.get_by_role("link", name="De hele reeks aanpassen").is_visible()
    check_accessibility(page, "one occurrence")
    page.get_by_role("link", name="Alleen deze keer aanpassen").click()
    page.get_by_role("heading", name="Alleen deze keer aanpassen").wait_for()
    assert "geldt alleen voor deze keer" in page.locator("main").inner_text()
    check_accessibility(page, "edit one occurrence")
    _no_sideways_scroll(page)
    screenshot(page, "activity-occurrence-edit-390")

    # A visitor, not logged in, on a phone of their own.
    visitor_context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", bypass_csp=True
    )
    visitor = visitor_context.new_page()
    visitor.goto(f"{live_server.url}/members/fort/")
    visitor.get_by_role("heading", name="Dorpshuis Fort").wait_for()
    assert visitor.get_by_role("heading", name="Binnenkort").is_visible()
    visitor.get_by_role("link", name="De hele agenda").click()
    visitor.get_by_role("heading", name="Agenda van Dorpshuis Fort").wait_for()
    main = visitor.locator("main").inner_text()
    assert main.count("Repair café op zaterdag") == 3
    assert "Zaal in het Fort" in main
    day_headings = visitor.locator("main h2").all_inner_texts()
    assert len(day_headings) == 3
    assert not any(f" {skipped.day} " in f" {heading} " for heading in day_headings)
    assert "Samira" not in main
    check_accessibility(visitor, "public agenda")
    _no_sideways_scroll(visitor)
    screenshot(visitor, "public-agenda-390")

    link = visitor.get_by_role("link", name="Zet deze agenda in uw eigen agenda (iCal)")
    feed = visitor.request.get(live_server.url + link.get_attribute("href"))
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert len(events) == 3
    assert {e.decoded("DTSTART").date() for e in events} == {
        first,
        first + datetime.timedelta(weeks=2),
        first + datetime.timedelta(weeks=3),
    }
    visitor_context.close()


def test_the_form_and_the_agenda_at_1280(live_server, desktop, world):
    """Screenshots at desktop width: the form with a double booking named, and the agenda."""
    access = collective_access(world["user"], "fort")
    first = _saturday(7)
    services.save_series(
        access=access,
        series=ActivitySeries(
            initiative=world["initiative"],
            title="Buurtmaaltijd",
            repeat="maand",
            starts_on=first,
            count=6,
            start_time=datetime.time(17, 30),
            end_time=datetime.time(20, 0),
            place=world["place"],
            public=True,
        ),
    )
    page = desktop
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/c/fort/initiatives/{world['initiative'].pk}/activities/new/")
    page.get_by_role("heading", name="Activiteit plannen").wait_for()
    page.locator("#id_date").fill(first.isoformat())
    page.get_by_label("Begintijd").fill("19:00")
    page.get_by_label("Eindtijd").fill("21:00")
    page.get_by_label("Plek").select_option(label="Zaal in het Fort")
    page.get_by_label("elke week", exact=True).check()
    page.get_by_label("Tot en met").fill((first + datetime.timedelta(weeks=8)).isoformat())
    page.get_by_role("button", name="In de agenda zetten").click()
    page.get_by_text("Deze plek is al bezet op:").wait_for()
    assert "“Buurtmaaltijd”, 17:30–20:00" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Begintijd").input_value() == "19:00"
    check_accessibility(page, "activity form with a double booking")
    screenshot(page, "activity-repeat-form-1280")
    page.goto(f"{live_server.url}/members/fort/agenda/")
    page.get_by_role("heading", name="Agenda van Dorpshuis Fort").wait_for()
    check_accessibility(page, "public agenda at 1280")
    screenshot(page, "public-agenda-1280")

"""The municipality's "Opbrengsten" page leads with pictures: trend lines, a map of the wijken
and the social value as a range, each readable on a phone and with a table beside it."""

import pytest

from tests import factories
from tests.impact.world import YEAR, add_a_year, make_world

from .conftest import check_accessibility, screenshot


@pytest.fixture
def year_world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM0599", name="Kringstad")
    made = make_world(municipality)
    add_a_year(made)
    factories.UserFactory(
        email="wethouder@example.org", name="Wil Wethouder", municipality=municipality
    )
    return made


def _log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("wethouder@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_dashboard_leads_with_pictures(live_server, year_world, size, request):
    page = request.getfixturevalue(size)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/municipality/impact/?year={YEAR}")
    first = page.locator("main svg.impact-picture").first
    assert first.is_visible()
    box = first.bounding_box()
    assert box["width"] <= page.viewport_size["width"]
    # No picture is wider than the screen.
    widths = page.eval_on_selector_all(
        "svg.impact-picture", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert max(widths) <= page.viewport_size["width"] + 1
    assert page.locator("section[aria-labelledby=kaart] svg path").count() >= 2
    page.locator("#bronnen summary").click()
    assert page.locator("#bronnen a[href^='https://']").count() >= 4
    check_accessibility(page, f"impact pictures ({size})")
    screenshot(page, f"impact-pictures-{size}")
    # With a year to compare with: the second line is dashed, and named in the legend.
    page.goto(f"{live_server.url}/municipality/impact/?year={YEAR}&compare={YEAR - 1}")
    legend = page.locator("main svg.impact-picture").first.inner_html()
    assert f">{YEAR - 1}<" in legend and 'stroke-dasharray="5 3"' in legend
    screenshot(page, f"impact-pictures-compare-{size}")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_collective_overview_leads_with_its_own_year(live_server, year_world, size, request):
    import datetime

    from django.utils import timezone

    from kring.communities.models import Role
    from kring.impact.own import months_back

    collective = year_world["collectives"][0]
    initiative = factories.InitiativeFactory(collective=collective)
    for n, first in enumerate(months_back(timezone.localdate())[:-1]):
        for day in range(1, 2 + n % 5):
            factories.ActivityFactory(
                collective=collective,
                initiative=initiative,
                date=first + datetime.timedelta(days=day),
                hours_given=2 + n % 3,
            )
    member = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=member, collective=collective, role=Role.BUILDER)
    page = request.getfixturevalue(size)
    page.goto(live_server.url + "/login/")
    page.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/c/{collective.slug}/")
    assert page.get_by_role("heading", name="Ons jaar in beeld").is_visible()
    widths = page.eval_on_selector_all(
        "svg.impact-picture", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert len(widths) == 6 and max(widths) <= page.viewport_size["width"] + 1
    check_accessibility(page, f"collective overview ({size})")
    screenshot(page, f"collective-overview-{size}")

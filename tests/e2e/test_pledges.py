"""Pledges in the browser: a buurtmaker records a resident's and an organisation's pledge toward
an initiative's money goal, is told to choose one of the two, and sees who gave."""

import pytest

from kring.communities.models import Role
from kring.initiatives.models import Pledge
from tests import factories

from .conftest import check_accessibility, pick_resident, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9997", name="Kringstad")
    collective = factories.CollectiveFactory(
        name="Wijkcentrum De Boomtak", slug="boomtak", municipality=municipality
    )
    user = factories.UserFactory(email="buurtmaker@example.org", name="Bea Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    factories.ResidentFactory(collective=collective, name="Fatima El Amrani")
    library = factories.AssetFactory(
        collective=collective, category="institution", title="Bibliotheek Midden-Brabant"
    )
    factories.AssetFactory(collective=collective, category="economy", title="Bakkerij Van Dam")
    factories.AssetFactory(collective=collective, category="association", title="Buurtkoor")
    initiative = factories.InitiativeFactory(
        collective=collective, title="Buurtmoestuin achter de school", goal_money=1500
    )
    return {"collective": collective, "library": library, "initiative": initiative}


def _log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill("buurtmaker@example.org")
    form.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_resident_and_an_organisation_pledge_toward_the_money_goal(
    live_server, request, world, size
):
    page = request.getfixturevalue(size)
    _log_in(page, live_server)
    initiative = world["initiative"]
    page.goto(live_server.url + initiative.get_absolute_url())
    page.get_by_role("link", name="Toezegging vastleggen").click()
    page.get_by_role("heading", name="Toezegging vastleggen").wait_for()
    check_accessibility(page, "pledge form")

    # Both a resident and an organisation: refused, with everything kept.
    pick_resident(page, "Een bewoner", "fati", "Fatima El Amrani")
    page.get_by_label("Of een organisatie").select_option(
        label="Bibliotheek Midden-Brabant (instelling)"
    )
    page.get_by_label("geld").check()
    page.get_by_label("Hoeveel").fill("750")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Kies een bewoner of een organisatie, niet allebei.").first.wait_for()
    assert page.get_by_label("Hoeveel").input_value() == "750"
    check_accessibility(page, "pledge form with an error")
    screenshot(page, f"pledge-form-error-{size}")

    # Only the organisation.
    page.get_by_role("combobox", name="Een bewoner").fill("")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Buurtmoestuin achter de school").wait_for()
    assert Pledge.objects.get().giver == world["library"]

    # And the resident, with 250 euro.
    page.get_by_role("link", name="Toezegging vastleggen").click()
    pick_resident(page, "Een bewoner", "fati", "Fatima El Amrani")
    page.get_by_label("geld").check()
    page.get_by_label("Hoeveel").fill("250")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Buurtmoestuin achter de school").wait_for()
    givers = page.locator(".givers")
    assert "Bibliotheek Midden-Brabant" in givers.inner_text()
    assert "Fatima El Amrani" in givers.inner_text()
    assert "Geld beloofd: € 1000,00 van € 1500,00" in page.locator("#pledges").inner_text()
    check_accessibility(page, "initiative with pledges")
    page.locator("#pledges").scroll_into_view_if_needed()
    screenshot(page, f"initiative-pledges-{size}")

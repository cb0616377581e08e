"""Two buurtmakers edit the same initiative at once, each in their own browser: the second save
is refused, keeps what was typed and shows what the other changed; saving once more, on
purpose, works."""

import pytest

from kring.communities.models import Role
from kring.initiatives.models import Initiative
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9997", name="Kringdorp")
    collective = factories.CollectiveFactory(
        name="Buurtkracht", slug="buurtkracht", municipality=municipality
    )
    for email, name in (("bea@example.org", "Bea Buurtmaker"), ("ben@example.org", "Ben Bouw")):
        user = factories.UserFactory(email=email, name=name)
        factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    initiative = factories.InitiativeFactory(
        collective=collective, title="Repair café", description="Samen repareren."
    )
    return {"collective": collective, "initiative": initiative}


def _log_in(page, live_server, email):
    page.goto(live_server.url + "/login/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill(email)
    form.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()


def test_the_second_save_is_refused_keeps_its_text_and_shows_the_other_change(
    live_server, phone, desktop, world
):
    initiative = world["initiative"]
    edit_url = f"{live_server.url}/c/buurtkracht/initiatives/{initiative.pk}/edit/"
    _log_in(desktop, live_server, "bea@example.org")
    _log_in(phone, live_server, "ben@example.org")

    # Both open the edit page before either saves.
    for page in (desktop, phone):
        page.goto(edit_url)
        page.get_by_role("heading", name="“Repair café” aanpassen").wait_for()

    # Bea saves first.
    desktop.get_by_label("Wat is het plan?").fill("Elke eerste zaterdag in het Fort.")
    desktop.get_by_role("button", name="Opslaan").click()
    desktop.get_by_role("heading", name="Repair café", exact=True).wait_for()

    # Ben, on his phone, still has the page from before Bea's save.
    phone.get_by_label("Wat is het plan?").fill("Op woensdagmiddag in de bibliotheek.")
    phone.get_by_role("button", name="Opslaan").click()
    phone.get_by_role("heading", name="Wat er nu is opgeslagen").wait_for()

    assert "Iemand anders heeft dit ook aangepast" in phone.locator(".error-summary").inner_text()
    conflict = phone.locator(".edit-conflict").inner_text()
    assert "Elke eerste zaterdag in het Fort." in conflict  # what Bea changed
    # What Ben typed is still in his form.
    assert phone.get_by_label("Wat is het plan?").input_value() == (
        "Op woensdagmiddag in de bibliotheek."
    )
    assert Initiative.objects.get(pk=initiative.pk).description == (
        "Elke eerste zaterdag in het Fort."
    )
    check_accessibility(phone, "edit conflict")
    screenshot(phone, "initiative-edit-conflict")

    # Having seen Bea's text, Ben keeps both and saves again: now it goes through.
    phone.get_by_label("Wat is het plan?").fill(
        "Elke eerste zaterdag in het Fort, en op woensdagmiddag in de bibliotheek."
    )
    phone.get_by_role("button", name="Opslaan").click()
    phone.get_by_role("heading", name="Repair café", exact=True).wait_for()
    saved = Initiative.objects.get(pk=initiative.pk)
    assert saved.description == (
        "Elke eerste zaterdag in het Fort, en op woensdagmiddag in de bibliotheek."
    )
    assert saved.version == 3

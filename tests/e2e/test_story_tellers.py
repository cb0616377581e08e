"""A buurtmaker names the tellers of a story in the browser (the searchable picker), and the
wijkportret page says plainly which chosen story waits for whose consent."""

import pytest

from kring.assets.models import Asset
from kring.communities.models import Role
from kring.maps.models import PortraitStory
from tests import factories

from .conftest import check_accessibility, pick_resident, screenshot


@pytest.fixture
def world(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM9995", name="Vertelstad")
    collective = factories.CollectiveFactory(
        name="Buurthuis De Kade", slug="kade", municipality=municipality
    )
    factories.MembershipFactory(
        user=factories.UserFactory(email="bm@example.org", name="Bas Buurtmaker"),
        collective=collective,
        role=Role.BUILDER,
    )
    ria = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    piet = factories.ResidentFactory(collective=collective, name="Piet Kok")
    factories.ConsentFactory(resident=piet, purpose="verhalen")
    own = factories.StoryFactory(collective=collective, title="De oude sluis")
    PortraitStory.objects.create(collective=collective, asset=own)
    return {"collective": collective, "ria": ria, "piet": piet}


def test_a_story_names_its_tellers_and_the_portrait_says_who_must_consent(
    live_server, desktop, world
):
    page = desktop
    page.goto(live_server.url + "/login/")
    form = page.locator("main form")
    form.get_by_label("E-mailadres").fill("bm@example.org")
    form.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Wat is er al in de buurt").wait_for()

    page.goto(live_server.url + "/c/kade/assets/story/new/")
    page.locator("#id_title").fill("Het kadefeest van 1975")
    page.locator("#id_description").fill("De hele straat danste tot de ochtend.")
    pick_resident(page, "Verteld door", "ria", "Ria de Vries")
    pick_resident(page, "Verteld door", "kok", "Piet Kok")
    chosen = page.locator("[data-picker-chosen]")
    assert "Ria de Vries" in chosen.inner_text() and "Piet Kok" in chosen.inner_text()
    check_accessibility(page, "story form with tellers")
    screenshot(page, "story-form-tellers")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Het kadefeest van 1975").wait_for()
    story = Asset.objects.get(title="Het kadefeest van 1975")
    assert set(story.tellers.all()) == {world["ria"], world["piet"]}
    note = page.locator(".story-gap").first
    assert "nog geen toestemming van Ria de Vries" in note.inner_text()
    assert "Piet Kok" not in note.inner_text()  # he consented

    page.get_by_role("button", name="Toon in het wijkportret").click()
    page.goto(live_server.url + "/c/kade/portrait/")
    status = page.get_by_role("status").filter(has_text="staan nu niet in het wijkportret")
    assert "Het kadefeest van 1975" in status.inner_text()
    box = page.get_by_role("checkbox", name="Het kadefeest van 1975")
    assert box.is_checked()
    assert "nog geen toestemming van Ria de Vries" in page.locator("main form").inner_text()
    check_accessibility(page, "wijkportret choosing screen")
    screenshot(page, "portrait-choosing-consent")

"""The resident's own door on a phone (390 px): a resident asks for a log-in link, opens it,
edits a gift, withdraws a consent and posts an ask; the buurtmaker accepts it; a neighbour
whose gift fits answers "Ik help mee"; the buurtmaker connects them. axe on every page, and
no page scrolls sideways."""

import re

import pytest
from django.core import mail

from kring.communities.models import Role
from kring.initiatives.models import Connection
from kring.people.models import Consent
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def haven(transactional_db):
    municipality = factories.MunicipalityFactory(code="GM0599", name="Rotterdam")
    district = factories.DistrictFactory(municipality=municipality, code="WK059901")
    buurt = factories.NeighbourhoodFactory(district=district, code="BU05990101", name="Oude Haven")
    collective = factories.CollectiveFactory(
        name="Havenkwartier Coöperatie", slug="haven", municipality=municipality
    )
    bob = factories.UserFactory(email="bob@example.org", name="Bob Buurtmaker")
    factories.MembershipFactory(user=bob, collective=collective, role=Role.BUILDER)
    sem = factories.ResidentFactory(
        collective=collective, name="Sem de Vries", email="sem@example.nl", neighbourhood=buurt
    )
    for purpose in ("inventaris", "verbinden"):
        factories.ConsentFactory(resident=sem, purpose=purpose)
    factories.GiftFactory(
        collective=collective,
        resident=sem,
        title="Soep koken",
        gift_kind="handen",
        availability="nu",
    )
    fatima = factories.ResidentFactory(
        collective=collective,
        name="Fatima Yilmaz",
        email="fatima@example.nl",
        neighbourhood=buurt,
    )
    for purpose in ("inventaris", "verbinden"):
        factories.ConsentFactory(resident=fatima, purpose=purpose)
    factories.GiftFactory(
        collective=collective,
        resident=fatima,
        title="Fietsen repareren",
        gift_kind="handen",
        availability="nu",
    )
    return {"sem": sem, "fatima": fatima, "bob": bob}


def fits(page, label: str) -> None:
    check_accessibility(page, label)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"{label}: {width}px wide in a {viewport}px window"


def enter_with_link(page, base: str, email: str) -> None:
    mail.outbox.clear()
    page.goto(base + "/mijn/inloggen/")
    page.get_by_label("Uw e-mailadres").fill(email)
    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_url("**/mijn/inloggen/verstuurd/")
    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/mijn/inloggen/\S+/)", message.body).group(1)
    page.goto(base + path)
    page.get_by_role("button", name="Inloggen bij Mijn Kring").click()
    page.wait_for_url("**/mijn/haven/")


def test_from_a_log_in_link_to_neighbour_help(live_server, phone, haven):
    page, base = phone, live_server.url

    # Sem asks for his link; a wrong address first: a Dutch error, what he typed is kept.
    page.goto(base + "/mijn/inloggen/")
    fits(page, "ask for a link")
    page.get_by_label("Uw e-mailadres").fill("sem-at-home")
    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_selector(".error-summary")
    assert "Dit is geen e-mailadres" in page.content()
    assert page.get_by_label("Uw e-mailadres").input_value() == "sem-at-home"
    fits(page, "ask with an error")
    enter_with_link(page, base, "sem@example.nl")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn Kring"
    fits(page, "Mijn Kring")
    screenshot(page, "mijn-kring-390")

    # He pauses his gift.
    page.get_by_role("link", name=re.compile("^Aanpassen of pauzeren.*Soep koken")).click()
    page.get_by_label("Toelichting").fill("Voor de buren op dinsdag")
    page.get_by_label("nu even niet").check()
    fits(page, "edit my gift")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/mijn/haven/")
    assert "Uw gave is opgeslagen." in page.content()
    assert "nu even niet" in page.content()

    # He withdraws his consent to be connected.
    page.get_by_role("link", name="Toestemming geven of intrekken").click()
    page.get_by_label("Gebruiken om mij in contact te brengen met mensen en plannen").uncheck()
    fits(page, "my consent")
    page.get_by_role("button", name="Toestemming opslaan").click()
    page.wait_for_url("**/mijn/haven/")
    withdrawn = Consent.objects.get(resident=haven["sem"], purpose="verbinden")
    assert withdrawn.withdrawn_at is not None

    # He asks for help.
    page.get_by_role("link", name="Ik zoek hulp").click()
    page.get_by_label("Ik zoek iemand die …").fill("mijn fiets kan repareren")
    page.get_by_label("Meer uitleg (mag leeg blijven)").fill("De achterband is lek.")
    fits(page, "ask for help")
    screenshot(page, "ask-390")
    page.get_by_role("button", name="Vraag plaatsen").click()
    page.wait_for_url("**/mijn/haven/")
    assert "Een buurtmaker kijkt uw vraag na" in page.content()
    page.context.clear_cookies()

    # Bob, the buurtmaker, accepts it as burenhulp.
    page.goto(base + "/login/")
    page.get_by_label("E-mailadres").fill("bob@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/c/haven/")
    page.goto(base + "/c/haven/bewoners-schrijven/")
    fits(page, "what residents wrote")
    page.get_by_role("button", name=re.compile("^Aannemen.*mijn fiets kan repareren")).click()
    page.wait_for_selector("text=De vraag staat nu open voor de buurt.")
    page.context.clear_cookies()

    # Fatima, who repairs bikes, sees the ask fit her gift and answers it.
    enter_with_link(page, base, "fatima@example.nl")
    assert "mijn fiets kan repareren" in page.content()
    page.get_by_role("link", name="Vragen uit de buurt").click()
    fits(page, "asks of the neighbourhood")
    screenshot(page, "asks-390")
    assert "Sem de Vries" not in page.content()
    page.get_by_role(
        "link", name=re.compile("^Ik help mee.*mijn fiets kan repareren")
    ).first.click()
    page.get_by_label("Een bericht voor de buurtmaker (mag leeg blijven)").fill("Zaterdag kan ik")
    fits(page, "ik help mee")
    page.get_by_role("button", name="Ik help mee").click()
    page.wait_for_selector("text=Een buurtmaker brengt u met elkaar in contact.")
    page.context.clear_cookies()

    # Bob connects them with one click.
    page.goto(base + "/login/")
    page.get_by_label("E-mailadres").fill("bob@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/c/haven/")
    page.goto(base + "/c/haven/bewoners-schrijven/")
    assert "Zaterdag kan ik" in page.content()
    page.get_by_role("button", name=re.compile("^Verbinden")).click()
    page.wait_for_selector("text=zijn met elkaar verbonden (burenhulp)")
    fits(page, "connected")
    connection = Connection.objects.get()
    assert (connection.resident, connection.other_resident, connection.kind) == (
        haven["sem"],
        haven["fatima"],
        "burenhulp",
    )


def test_mijn_kring_and_the_ask_page_on_a_wide_screen(live_server, desktop, haven):
    page, base = desktop, live_server.url
    enter_with_link(page, base, "sem@example.nl")
    fits(page, "Mijn Kring (wide)")
    screenshot(page, "mijn-kring-1280")
    page.get_by_role("link", name="Ik zoek hulp").click()
    fits(page, "ask (wide)")
    screenshot(page, "ask-1280")

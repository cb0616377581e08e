"""The resident's own door on a phone (390 px): a neighbour chooses notices in Mijn Kring; a
resident asks for a log-in link, opens it, edits a gift, withdraws a consent and posts an ask;
the buurtmaker accepts it; the neighbour whose gift fits gets the notice mail, follows its link
and answers "Ik help mee"; the buurtmaker connects them, the connections log shows neighbour
help, and the buurtmaker answers "Heeft dit contact tot iets geleid?" for a resident without a
door. axe on every page, and no page scrolls sideways."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from kring.communities.models import Role
from kring.initiatives.models import Connection
from kring.matching.services import rebuild_search_index
from kring.notices import services as notice_services
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
    # The search index of the collective (notices ask the engine), and an older connection of
    # a resident without an e-mail address, to be followed up by the buurtmaker.
    rebuild_search_index(collective=collective)
    kees = factories.ResidentFactory(
        collective=collective, name="Kees Bakker", email="", neighbourhood=buurt
    )
    initiative = factories.InitiativeFactory(collective=collective, title="Buurtsoep")
    older = Connection.objects.create(
        collective=collective,
        initiative=initiative,
        other_resident=kees,
        kind="voorgesteld",
        happened_on=timezone.localdate() - datetime.timedelta(days=15),
    )
    return {"sem": sem, "fatima": fatima, "bob": bob, "older_connection": older}


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


def log_in_as_bob(page, base: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("E-mailadres").fill("bob@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/c/haven/")


def heading(page, name) -> None:
    page.get_by_role("heading", level=1, name=name).wait_for()


def test_from_a_log_in_link_to_neighbour_help(live_server, phone, haven):
    """The whole path of "Done means": the door, a gift, a consent, an ask; the neighbour's
    notice mail, "ik help mee" from its link; the one-click connection in the connections
    log; and the buurtmakers' "Heeft dit contact tot iets geleid?" list."""
    page, base = phone, live_server.url

    # Fatima, who repairs bikes, opens her door and chooses to hear of asks at once.
    enter_with_link(page, base, "fatima@example.nl")
    page.get_by_role("link", name="Kies hoe vaak u berichten krijgt").click()
    heading(page, "Berichten over vragen in de buurt")
    page.get_by_label("meteen, bij elke nieuwe vraag").check()
    fits(page, "my notices")
    screenshot(page, "mijn-berichten-390")
    page.get_by_role("button", name="Opslaan").click()
    heading(page, "Mijn Kring")
    assert "Uw keuze voor berichten is opgeslagen." in page.content()
    page.context.clear_cookies()

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

    # Bob, the buurtmaker, accepts it as burenhulp: the neighbours whose gifts fit hear of it.
    mail.outbox.clear()
    log_in_as_bob(page, base)
    page.goto(base + "/c/haven/bewoners-schrijven/")
    fits(page, "what residents wrote")
    page.get_by_role("button", name=re.compile("^Aannemen.*mijn fiets kan repareren")).click()
    page.wait_for_selector("text=De vraag staat nu open voor de buurt.")
    page.context.clear_cookies()
    [notice] = mail.outbox
    assert notice.to == ["fatima@example.nl"]
    assert "Een buur zoekt iemand die mijn fiets kan repareren" in notice.body
    assert "Het past bij uw gave: Fietsen repareren" in notice.body
    assert "Sem" not in notice.body
    help_link = re.search(r"https?://[^/\s]+(/mijn/haven/vragen/\d+/help/)", notice.body).group(1)

    # Fatima follows the link in the mail: she logs in with a new link on the way.
    mail.outbox.clear()
    page.goto(base + help_link)
    heading(page, "Inloggen bij Kring")
    page.get_by_role("link", name="Bent u bewoner? Log in met een link per e-mail").click()
    heading(page, "Inloggen met een link")
    page.get_by_label("Uw e-mailadres").fill("fatima@example.nl")
    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_url("**/mijn/inloggen/verstuurd/")
    [message] = mail.outbox
    page.goto(base + re.search(r"https?://[^/\s]+(/mijn/inloggen/\S+/)", message.body).group(1))
    page.get_by_role("button", name="Inloggen bij Mijn Kring").click()
    page.wait_for_url("**" + help_link)
    assert "mijn fiets kan repareren" in page.content()
    assert "Sem de Vries" not in page.content()
    page.get_by_label("Een bericht voor de buurtmaker (mag leeg blijven)").fill("Zaterdag kan ik")
    fits(page, "ik help mee")
    screenshot(page, "help-390")
    page.get_by_role("button", name="Ik help mee").click()
    page.wait_for_selector("text=Een buurtmaker brengt u met elkaar in contact.")
    page.context.clear_cookies()

    # Bob sees her answer and connects them with one click; the log shows neighbour help.
    log_in_as_bob(page, base)
    page.goto(base + "/c/haven/bewoners-schrijven/")
    assert "Zaterdag kan ik" in page.content()
    page.get_by_role("button", name=re.compile("^Verbinden")).click()
    page.wait_for_selector("text=zijn met elkaar verbonden (burenhulp)")
    fits(page, "connected")
    connection = Connection.objects.get(kind="burenhulp")
    assert (connection.resident, connection.other_resident) == (haven["sem"], haven["fatima"])
    page.goto(base + "/c/haven/connections/")
    heading(page, "Verbindingen")
    fits(page, "connections log")
    screenshot(page, "connections-390")
    entry = page.locator(".connections li", has_text="Fatima Yilmaz")
    assert "burenhulp" in entry.inner_text()

    # Some days later the worker asks about an older connection whose resident has no door:
    # it lands on the buurtmakers' list, and Bob notes the answer.
    assert notice_services.ask_followups() == {"buurtmaker": 1}
    page.get_by_role("link", name="Nagevraagd: heeft het contact iets opgeleverd?").click()
    heading(page, "Heeft het contact iets opgeleverd?")
    fits(page, "follow-ups to do")
    page.get_by_role("link", name=re.compile("Kees Bakker")).click()
    heading(page, "Heeft dit contact tot iets geleid?")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Kies ja, nee of loopt nog.").first.wait_for()
    fits(page, "follow-up answer with an error")
    page.get_by_label("loopt nog").check()
    page.get_by_label("Wilt u er iets over vertellen? (mag leeg blijven)").fill("Ze spreken af.")
    screenshot(page, "followup-answer-390")
    page.get_by_role("button", name="Opslaan").click()
    heading(page, "Heeft het contact iets opgeleverd?")
    assert "Er staat nu niets op de lijst." in page.content()
    older = haven["older_connection"]
    older.refresh_from_db()
    assert (older.outcome, older.outcome_note) == ("loopt", "Ze spreken af.")


def test_mijn_kring_and_the_ask_page_on_a_wide_screen(live_server, desktop, haven):
    page, base = desktop, live_server.url
    enter_with_link(page, base, "sem@example.nl")
    fits(page, "Mijn Kring (wide)")
    screenshot(page, "mijn-kring-1280")
    page.get_by_role("link", name="Kies hoe vaak u berichten krijgt").click()
    heading(page, "Berichten over vragen in de buurt")
    fits(page, "my notices (wide)")
    screenshot(page, "mijn-berichten-1280")
    page.get_by_role("link", name="Terug naar Mijn Kring").click()
    heading(page, "Mijn Kring")
    page.get_by_role("link", name="Ik zoek hulp").click()
    fits(page, "ask (wide)")
    screenshot(page, "ask-1280")

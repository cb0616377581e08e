"""A resident, on a phone and without logging in, answers "Heeft dit contact tot iets geleid?"
from the link in the mail, and changes how often notices come; axe checks both pages."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kring.initiatives.models import Connection
from kring.notices import services
from kring.notices.models import Rhythm
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def world(transactional_db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    municipality = factories.MunicipalityFactory(code="GM9995", name="Kringstad")
    collective = factories.CollectiveFactory(
        name="Wijkcentrum De Boomtak", slug="boomtak", municipality=municipality
    )
    resident = factories.ResidentFactory(collective=collective, name="Fatima El Amrani")
    factories.ConsentFactory(resident=resident, purpose="verbinden")
    services.set_preference(
        resident=resident, rhythm=Rhythm.DAILY, scope="buurt", changed_by="buurtmaker"
    )
    initiative = factories.InitiativeFactory(collective=collective, title="Repaircafé")
    need = factories.NeedFactory(initiative=initiative, text="Iemand die fietsen kan maken")
    connection = Connection.objects.create(
        collective=collective,
        initiative=initiative,
        need=need,
        other_resident=resident,
        kind="voorgesteld",
        happened_on=timezone.localdate() - datetime.timedelta(days=14),
    )
    return {"resident": resident, "connection": connection}


def _link(body: str, part: str) -> str:
    line = next(line for line in body.splitlines() if part in line)
    return "/" + line.strip().split("://", 1)[1].split("/", 1)[1]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_resident_answers_the_follow_up_and_changes_the_rhythm(
    live_server, request, world, size
):
    page = request.getfixturevalue(size)
    assert services.ask_followups() == {"mail": 1}
    (message,) = mail.outbox
    page.goto(live_server.url + _link(message.body, "/followup/"))
    page.get_by_role("heading", name="Heeft dit contact tot iets geleid?").wait_for()
    check_accessibility(page, "follow-up")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Kies ja, nee of loopt nog.").first.wait_for()
    check_accessibility(page, "follow-up with an error")
    page.get_by_label("loopt nog").check()
    page.get_by_label("Wilt u er iets over vertellen?").fill("We spreken volgende week af.")
    screenshot(page, f"notices-followup-{size}")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="Dank u wel").wait_for()
    world["connection"].refresh_from_db()
    assert world["connection"].outcome == "loopt"
    assert world["connection"].outcome_note == "We spreken volgende week af."

    token = services.preference_token(world["resident"])
    page.goto(f"{live_server.url}/notices/{token}/")
    page.get_by_role("heading", name="Berichten over vragen in de buurt").wait_for()
    check_accessibility(page, "rhythm")
    page.get_by_label("hooguit één keer per week").check()
    page.get_by_label("vragen in het hele werkgebied van het collectief").check()
    screenshot(page, f"notices-rhythm-{size}")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Uw keuze is opgeslagen").wait_for()
    check_accessibility(page, "rhythm saved")
    preference = world["resident"].notice_preference
    preference.refresh_from_db()
    assert (preference.rhythm, preference.scope) == (Rhythm.WEEKLY, "gebied")

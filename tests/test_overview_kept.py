"""The overview ("Wat is er al") keeps the sections that show only the collective's data in the
page cache under its data version (kring.communities.parts.KeptSections): the total and the
six counts, the own year in charts, what is new, and the buurtmakers' follow-ups. Every write
shows at the next request, a new day gives the year its own key, and nothing kept for one
role, collective or language is served to another. A kept page is byte for byte what the page
rendered without keeping gives."""

import datetime
import re

import pytest
from django.db import connection as db
from django.db.models import F
from django.utils import timezone

from kring.communities import parts
from kring.communities.models import Role
from kring.core.models import DataVersion, KindVersion
from kring.initiatives.models import Activity, Connection, ConnectionKind
from kring.notices import services as notice_services
from kring.notices.models import FollowUp, FollowUpChannel

from . import factories

pytestmark = pytest.mark.django_db

FOLLOWUPS_HEADING = "Vraag na: heeft het contact iets opgeleverd?"


@pytest.fixture
def world(collective, neighbourhood):
    ria = factories.ResidentFactory(collective=collective, name="Ria Rozenhof", email="")
    sem = factories.ResidentFactory(collective=collective, name="Sem Smeding", email="")
    factories.ConsentFactory(resident=ria, purpose="inventaris")
    factories.ConsentFactory(resident=ria, purpose="leden")
    factories.GiftFactory(
        collective=collective, resident=ria, title="Fietsen plakken", visibility="leden"
    )
    factories.GiftFactory(
        collective=collective, resident=sem, title="Taalles", visibility="buurtmakers"
    )
    initiative = factories.InitiativeFactory(collective=collective, title="Fietsenwerkplaats")
    factories.ActivityFactory(
        collective=collective, initiative=initiative, date=timezone.localdate()
    )
    met = Connection.objects.create(
        collective=collective,
        resident=ria,
        other_resident=sem,
        kind="ontmoet",
        happened_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    FollowUp.objects.create(
        connection=met, channel=FollowUpChannel.BUILDER, asked_at=timezone.now()
    )
    return {"ria": ria, "sem": sem, "initiative": initiative, "met": met}


def overview(client, collective):
    """(the page's <main>, what the page cache did: 'hit', 'miss' or '')."""
    response = client.get(f"/c/{collective.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    outcomes = getattr(response.wsgi_request, "kring_part_cache", None) or []
    outcome = "miss" if "miss" in outcomes else "hit" if outcomes else ""
    return main, outcome


def kept(client, collective):
    overview(client, collective)
    main, outcome = overview(client, collective)
    assert outcome == "hit"
    return main


def unkept(client, collective, monkeypatch):
    """The page as it is rendered without the page cache: every provider called and its
    template included with the whole request context."""
    with monkeypatch.context() as patch:
        patch.setattr(parts, "KeptSections", lambda request, access, shows: None)
        main, outcome = overview(client, collective)
    assert outcome == ""
    return main


def new_version(collective):
    """Every version of the collective moves on: no kept section is asked for again."""
    DataVersion.objects.filter(collective_id=collective.pk).update(version=F("version") + 1)
    KindVersion.objects.filter(collective_id=collective.pk).update(version=F("version") + 1)


@pytest.mark.parametrize("who", ["alice", "bob", "mia"])
def test_a_kept_overview_is_byte_identical_to_a_fresh_and_an_unkept_one(
    client, collective, world, who, request, monkeypatch
):
    client.force_login(request.getfixturevalue(who))
    first, outcome = overview(client, collective)
    assert outcome == "miss"
    again = kept(client, collective)
    assert again == first
    new_version(collective)
    fresh, outcome = overview(client, collective)
    assert outcome == "miss"
    assert fresh == again
    assert unkept(client, collective, monkeypatch) == again
    # Every section is there: nothing of it may have been left out by keeping.
    assert "Ons jaar in beeld" in again and "De zes soorten krachten" in again
    assert (FOLLOWUPS_HEADING in again) == (who != "mia")
    assert "csrfmiddlewaretoken" not in again


def test_the_follow_ups_show_the_next_write(client, collective, world, bob, alice):
    client.force_login(bob)
    assert "Ria Rozenhof — Sem Smeding" in kept(client, collective)
    # A connection that becomes due: the periodic task makes its follow-up row.
    due = Connection.objects.create(
        collective=collective,
        resident=world["sem"],
        initiative=None,
        other_resident=world["ria"],
        kind=ConnectionKind.INTRODUCED,
        happened_on=timezone.localdate() - datetime.timedelta(days=14),
    )
    assert "Sem Smeding — Ria Rozenhof" not in kept(client, collective)
    assert notice_services.ask_followups() == {"buurtmaker": 1}
    main, outcome = overview(client, collective)
    assert outcome == "miss" and "Sem Smeding — Ria Rozenhof" in main
    assert "Alle 2 verbindingen om na te vragen" in main
    # Answered: gone from the list.
    notice_services.answer_followup(connection=due, outcome="ja", actor=alice)
    assert "Sem Smeding — Ria Rozenhof" not in kept(client, collective)
    # A change of the follow-up row itself, past the ORM: the table is watched.
    with db.cursor() as cursor:
        cursor.execute(
            "UPDATE notices_followup SET channel = %s WHERE connection_id = %s",
            [FollowUpChannel.MAIL, world["met"].pk],
        )
    main, outcome = overview(client, collective)
    assert outcome == "miss" and FOLLOWUPS_HEADING not in main
    # A resident renamed shows in the list at once.
    FollowUp.objects.filter(connection=world["met"]).update(channel=FollowUpChannel.BUILDER)
    kept(client, collective)
    world["ria"].name = "Ria van Rozenhof"
    world["ria"].save()
    assert "Ria van Rozenhof — Sem Smeding" in overview(client, collective)[0]


def _this_month(main: str, figure: str) -> str:
    card = main.split(f'data-figure="{figure}"')[1].split("</figure>")[0]
    return re.findall(r'data-value="(\d+)"', card)[-1]


def test_the_own_year_shows_the_next_write(client, collective, world, alice):
    client.force_login(alice)
    main = kept(client, collective)
    assert _this_month(main, "residents") == "2"
    assert _this_month(main, "activities") == "1"
    factories.ResidentFactory(collective=collective, name="Nieuwe Buur")
    Activity.objects.filter(collective=collective).delete()
    main, outcome = overview(client, collective)
    assert outcome == "miss"
    assert _this_month(main, "residents") == "3"
    assert _this_month(main, "activities") == "0"
    assert "Nieuwe Buur" not in main.split("Ons jaar in beeld")[1].split("</section>")[0]


def test_a_new_day_has_its_own_year(client, collective, world, alice, monkeypatch):
    """The twelve months end with today's: the next day is rendered under its own key, and a
    new month shows on the day it starts, with no write in between."""
    client.force_login(alice)
    today = timezone.localdate()
    main = kept(client, collective)
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: next_month)
    main_then, outcome = overview(client, collective)
    assert outcome == "miss"
    assert main_then != main
    # This month's residents moved one place to the left; the new month has none yet.
    assert _this_month(main_then, "residents") == "0"
    assert kept(client, collective) == main_then


def test_roles_collectives_and_languages_never_share_the_kept_sections(
    client, collective, other_collective, world, alice, bob, mia, charlie
):
    client.force_login(bob)
    builder = kept(client, collective)
    assert FOLLOWUPS_HEADING in builder and "Gaven-gesprek voeren" in builder
    client.force_login(mia)
    member, outcome = overview(client, collective)
    assert outcome == "miss"  # not the buurtmaker's
    assert FOLLOWUPS_HEADING not in member and "Gaven-gesprek voeren" not in member
    assert "Ria Rozenhof — Sem Smeding" not in member
    # The member's count leaves out the gift only buurtmakers may see.
    gifts = re.search(r'cat-gift"[^>]*>\s*<span class="count">(\d+)', member).group(1)
    assert gifts == "1"
    assert re.search(r'cat-gift"[^>]*>\s*<span class="count">(\d+)', builder).group(1) == "2"
    # An admin is another audience than a buurtmaker, with the same to-do.
    client.force_login(alice)
    admin, outcome = overview(client, collective)
    assert outcome == "miss" and FOLLOWUPS_HEADING in admin
    # Another collective's admin sees none of it.
    client.force_login(charlie)
    elsewhere, outcome = overview(client, other_collective)
    assert outcome == "miss"
    for text in (FOLLOWUPS_HEADING, "Ria Rozenhof", "Sem Smeding", "Fietsen plakken"):
        assert text not in elsewhere
    assert re.search(r'cat-gift"[^>]*>\s*<span class="count">(\d+)', elsewhere).group(1) == "0"
    # English is kept apart from Dutch.
    client.force_login(bob)
    client.cookies["django_language"] = "en"
    english, outcome = overview(client, collective)
    assert outcome == "miss" and english != builder
    assert "Ons jaar in beeld" not in english and "De zes soorten krachten" not in english


def test_a_second_buurtmaker_gets_the_same_kept_page_with_nothing_of_the_first(
    client, collective, world, bob
):
    """Nothing in the kept sections is anyone's own: another buurtmaker is served them, and
    neither's name or address is in them."""
    other = factories.UserFactory(email="noor@example.org", name="Noor Tweede")
    factories.MembershipFactory(user=other, collective=collective, role=Role.BUILDER)
    client.force_login(bob)
    first = kept(client, collective)
    client.force_login(other)
    second, outcome = overview(client, collective)
    assert outcome == "hit" and second == first
    for text in ("Bob Buurtmaker", "bob@example.org", "Noor Tweede", "noor@example.org"):
        assert text not in second

"""Some days after a connection: "Heeft dit contact tot iets geleid?"."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from kring.initiatives import services as initiative_services
from kring.initiatives.models import Connection, ConnectionKind
from kring.notices import services
from kring.notices.models import FollowUp, FollowUpChannel
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def connect(builder, initiative):
    def make(person, days_ago=14, kind=ConnectionKind.INTRODUCED):
        need = factories.NeedFactory(initiative=initiative, text="Fietsen repareren")
        connection = initiative_services.connect_for_need(
            access=builder, need=need, asset=person.gifts.get()
        )
        Connection.objects.filter(pk=connection.pk).update(
            happened_on=timezone.localdate() - datetime.timedelta(days=days_ago), kind=kind
        )
        connection.refresh_from_db()
        return connection

    return make


def test_the_resident_is_asked_by_mail_after_the_chosen_days_and_answers(
    make_resident, connect, client
):
    person = make_resident("Fatima Yilmaz", rhythm=None)
    young = connect(person, days_ago=13)
    due = connect(person, days_ago=14)
    assert services.ask_followups() == {"mail": 1}
    assert not FollowUp.objects.filter(connection=young).exists()
    (message,) = mail.outbox
    assert message.subject == "Heeft dit contact tot iets geleid?"
    assert message.to == [person.email]
    assert "Beste Fatima," in message.body and "Fietsen repareren" in message.body
    # Asked once: a second run (or a second worker) asks nothing more.
    assert services.ask_followups() == {}
    assert len(mail.outbox) == 1
    link = next(line for line in message.body.splitlines() if "/followup/" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page = client.get(path)
    assert page.status_code == 200
    assert "loopt nog" in page.content.decode()
    empty = client.post(path, {"note": "Leuk"})
    assert "Kies ja, nee of loopt nog." in empty.content.decode()
    assert 'value="Leuk"' in empty.content.decode()  # what was typed stays
    response = client.post(path, {"outcome": "ja", "note": "We repareren nu samen fietsen."})
    assert response.status_code == 200
    due.refresh_from_db()
    assert (due.outcome, due.outcome_note) == ("ja", "We repareren nu samen fietsen.")
    assert FollowUp.objects.get(connection=due).answered_at is not None


def test_without_an_address_or_consent_the_buurtmaker_gets_it_on_a_to_do_list(
    make_resident, connect, client, bob, collective
):
    no_mail = make_resident("Ria de Vries", rhythm=None, email=False)
    connection = connect(no_mail)
    assert services.ask_followups() == {"buurtmaker": 1}
    assert not mail.outbox
    assert FollowUp.objects.get(connection=connection).channel == FollowUpChannel.BUILDER
    client.force_login(bob)
    overview = client.get(f"/c/{collective.slug}/").content.decode()
    assert "heeft het contact iets opgeleverd?" in overview.lower()
    todo = client.get(f"/c/{collective.slug}/followups/").content.decode()
    assert f"/c/{collective.slug}/followups/{connection.pk}/" in todo
    response = client.post(
        f"/c/{collective.slug}/followups/{connection.pk}/", {"outcome": "loopt", "note": ""}
    )
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.outcome == "loopt"
    todo = client.get(f"/c/{collective.slug}/followups/").content.decode()
    assert f"/c/{collective.slug}/followups/{connection.pk}/" not in todo


def test_the_number_of_days_is_a_setting_of_the_collective(
    make_resident, connect, client, alice, bob, collective
):
    person = make_resident("Fatima Yilmaz", rhythm=None)
    connection = connect(person, days_ago=5)
    assert services.ask_followups() == {}
    client.force_login(bob)  # a buurtmaker sees the list but does not change the setting
    assert client.post(f"/c/{collective.slug}/followups/", {"days": "5"}).status_code == 403
    client.force_login(alice)
    bad = client.post(f"/c/{collective.slug}/followups/", {"days": "900"})
    assert "van 1 tot en met 90" in bad.content.decode()
    client.post(f"/c/{collective.slug}/followups/", {"days": "5"})
    assert services.ask_followups() == {"mail": 1}
    assert FollowUp.objects.get().connection == connection


def test_meetings_at_activities_are_not_followed_up(make_resident, connect):
    person = make_resident("Fatima Yilmaz", rhythm=None)
    connect(person, kind=ConnectionKind.MET)
    assert services.ask_followups() == {}


def test_another_collective_cannot_answer(make_resident, connect, client, charlie):
    person = make_resident("Fatima Yilmaz", rhythm=None)
    connection = connect(person)
    client.force_login(charlie)
    response = client.post(
        f"/c/{connection.collective.slug}/followups/{connection.pk}/", {"outcome": "nee"}
    )
    assert response.status_code == 404
    connection.refresh_from_db()
    assert connection.outcome == ""

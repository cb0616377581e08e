"""Inzage and erasure cover what notices keep: the notice choice, the asks found and mails
sent, and the answer to the follow-up."""

import pytest
from django.core import mail

from kring.notices import services
from kring.notices.models import FollowUp, NoticeDelivery, NoticeItem, NoticePreference
from kring.privacy.selectors import resident_export
from kring.privacy.services import erase_resident
from kring.privacy.text_places import uncovered
from tests.privacy.test_erasure import all_table_text

pytestmark = pytest.mark.django_db
TRACES = ["quirina", "zonnebloemveld", "reuzentoma"]


@pytest.fixture
def quirina(make_resident, ask, builder):
    from kring.initiatives import services as initiative_services

    person = make_resident("Quirina Zonnebloemveld", "Kweekt reuzentomaten in de tuin")
    need = ask("Wie helpt met tomaten kweken in de moestuin?")
    assert NoticeDelivery.objects.filter(resident=person, status="verstuurd").count() == 1
    connection = initiative_services.connect_for_need(
        access=builder, need=need, asset=person.gifts.get()
    )
    FollowUp.objects.create(
        connection=connection, resident=person, channel="mail", asked_at=connection.recorded_at
    )
    services.answer_followup(
        connection=connection, outcome="ja", note="Quirina Zonnebloemveld helpt nu elke week"
    )
    return person


def test_inzage_shows_the_notice_choice_the_mails_and_the_follow_up(quirina):
    export = resident_export(quirina)
    titles = " ".join(section["title"] for section in export["related"])
    assert "keuzes voor berichten" in titles
    assert "verstuurde berichten" in titles
    assert "passende vragen" in titles
    assert "vragen of een contact iets opleverde" in titles
    text = str(export["related"])
    assert "meteen, bij elke nieuwe vraag" in text  # the rhythm, in words
    assert "Quirina Zonnebloemveld helpt nu elke week" in text  # the answer on the connection


def test_erasure_takes_the_notice_data_along(quirina, alice):
    mail.outbox.clear()
    erase_resident(actor=alice, resident=quirina)
    assert not NoticePreference.objects.filter(resident=quirina).exists()
    assert not NoticeItem.objects.filter(resident=quirina).exists()
    assert not NoticeDelivery.objects.filter(resident=quirina).exists()
    followup = FollowUp.objects.get()
    assert followup.resident is None
    assert followup.connection.outcome == "ja"  # still counts as a connection that worked
    assert followup.connection.outcome_note == ""
    found = {
        table: [t for t in TRACES if t in text]
        for table, text in all_table_text().items()
        if any(t in text for t in TRACES)
    }
    assert found == {}
    services.send_due()
    assert not mail.outbox


def test_every_new_free_text_field_is_scanned_or_excluded():
    assert uncovered() == []

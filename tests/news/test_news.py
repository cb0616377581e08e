"""Messages from the collective: who receives them, sending once, unsubscribing, paper."""

import pytest
from django.core import mail
from django.urls import reverse

from kring.news import selectors, sending, services
from kring.news.models import Delivery, DeliveryStatus, Message, MessageStatus, OptOut
from kring.people.models import Consent, ConsentPurpose
from kring.privacy.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def resident_with_news(collective, name, email="", **extra):
    resident = factories.ResidentFactory(collective=collective, name=name, email=email, **extra)
    factories.ConsentFactory(resident=resident, purpose=ConsentPurpose.NEWS)
    return resident


@pytest.fixture
def people(collective, neighbourhood):
    return {
        "anna": resident_with_news(collective, "Anna Mail", "anna@example.nl"),
        "piet": resident_with_news(
            collective, "Piet Papier", address="Dorpsstraat 1", neighbourhood=neighbourhood
        ),
        # No consent for news: never a recipient.
        "zonder": factories.ResidentFactory(
            collective=collective, name="Zonder Toestemming", email="zonder@example.nl"
        ),
    }


def make_message(access, **extra) -> Message:
    message = Message(subject="Buurtfeest", body="Zaterdag is er feest.", **extra)
    return services.save_message(access=access, message=message, neighbourhoods=[], tags=[])


def test_recipients_are_residents_with_consent_and_those_without_address_are_on_paper(
    collective, bob, people, access_for
):
    access = access_for(bob, collective)
    found = selectors.recipients(access, make_message(access))
    assert [r.name for r in found.residents] == ["Anna Mail"]
    assert [r.name for r in found.on_paper] == ["Piet Papier"]
    assert found.members == []


def test_narrowing_by_buurt_and_label(collective, bob, people, neighbourhood, access_for):
    access = access_for(bob, collective)
    message = make_message(access)
    message.neighbourhoods.set([neighbourhood])
    found = selectors.recipients(access, message)
    assert found.residents == [] and [r.name for r in found.on_paper] == ["Piet Papier"]
    message.neighbourhoods.clear()
    gift = factories.GiftFactory(collective=collective, resident=people["anna"])
    tag = collective.tags.create(name="koken")
    gift.tags.add(tag)
    message.tags.set([tag])
    found = selectors.recipients(access, message)
    assert [r.name for r in found.residents] == ["Anna Mail"] and found.on_paper == []


def test_members_get_it_once_and_opted_out_members_not(
    collective, alice, bob, mia, people, access_for
):
    access = access_for(bob, collective)
    message = make_message(access, audience="beide")
    found = selectors.recipients(access, message)
    assert {u.email for u in found.members} == {alice.email, bob.email, mia.email}
    OptOut.objects.create(collective=collective, user=mia)
    found = selectors.recipients(access, message)
    assert mia not in found.members


def test_sending_goes_once_with_unsubscribe_headers_and_a_report(
    client, collective, bob, people, access_for, on_commit
):
    access = access_for(bob, collective)
    message = make_message(access)
    client.force_login(bob)
    with on_commit(execute=True):
        response = client.post(reverse("news:send", args=[collective.slug, message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    sent = [m for m in mail.outbox if m.to == ["anna@example.nl"]]
    assert len(sent) == 1
    assert sent[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/news/unsubscribe/" in sent[0].extra_headers["List-Unsubscribe"]
    assert "Beste Anna Mail" in sent[0].body and "Zaterdag is er feest." in sent[0].body
    # A second click, or a retried task, sends nothing more.
    with on_commit(execute=True):
        client.post(reverse("news:send", args=[collective.slug, message.pk]))
    sending.deliver_batch(message=message, limit=10)
    assert len([m for m in mail.outbox if m.to == ["anna@example.nl"]]) == 1
    report = client.get(reverse("news:report", args=[collective.slug, message.pk]))
    body = report.content.decode()
    assert "Anna Mail" in body and "verstuurd" in body and "Zaterdag" not in body
    assert "Piet Papier" not in body or "geen e-mailadres" in body


def test_a_claimed_delivery_is_never_sent_again(collective, bob, people, access_for):
    access = access_for(bob, collective)
    message = make_message(access)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING)
    delivery = Delivery.objects.create(message=message, resident=people["anna"])
    # Another worker claimed it (or crashed after claiming).
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.CLAIMED)
    sending.deliver_batch(message=message, limit=10)
    assert mail.outbox == []


def test_withdrawn_consent_is_skipped_at_sending_time(collective, bob, people, access_for):
    access = access_for(bob, collective)
    message = make_message(access)
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING)
    Delivery.objects.create(message=message, resident=people["anna"])
    Consent.objects.filter(resident=people["anna"]).update(withdrawn_at="2026-12-01T10:00Z")
    sending.deliver_batch(message=message, limit=10)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SKIPPED and delivery.skip_reason == "toestemming"
    assert mail.outbox == []


def test_one_click_unsubscribe_withdraws_consent_as_the_residents_own_digital_act(
    client, collective, people
):
    anna = people["anna"]
    token = sending.unsubscribe_token(collective_id=collective.pk, resident=anna)
    url = reverse("news:unsubscribe", args=[token])
    assert client.get(url).status_code == 200  # a link checker changes nothing
    assert anna.consents.filter(purpose="nieuws", withdrawn_at__isnull=True).exists()
    response = client.post(url)  # what the mail program sends (no CSRF token)
    assert response.status_code == 200
    assert not anna.consents.filter(purpose="nieuws", withdrawn_at__isnull=True).exists()
    entry = AuditEntry.objects.filter(action="withdraw", subject_id=anna.pk).get()
    assert "by the resident (digitaal): nieuws" in entry.summary
    assert client.post(reverse("news:unsubscribe", args=["bad-token"])).status_code == 404


def test_member_unsubscribe_opts_out(client, collective, mia):
    token = sending.unsubscribe_token(collective_id=collective.pk, user=mia)
    client.post(reverse("news:unsubscribe", args=[token]))
    assert OptOut.objects.filter(collective=collective, user=mia).exists()


def test_test_mail_goes_to_the_writer_only(client, collective, bob, people, access_for):
    access = access_for(bob, collective)
    message = make_message(access)
    client.force_login(bob)
    client.post(reverse("news:test", args=[collective.slug, message.pk]))
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert mail.outbox[0].subject == "[Proef] Buurtfeest"
    assert not Delivery.objects.exists()


def test_bad_input_keeps_what_was_typed(client, collective, bob):
    client.force_login(bob)
    response = client.post(
        reverse("news:new", args=[collective.slug]),
        {"subject": "", "body": "Mijn tekst blijft staan", "audience": "bewoners"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een onderwerp in." in body and "Mijn tekst blijft staan" in body


def test_paper_pdf_has_one_page_per_resident_without_address(
    client, collective, bob, people, access_for
):
    access = access_for(bob, collective)
    resident_with_news(collective, "Tweede Papier")
    message = make_message(access)
    client.force_login(bob)
    response = client.get(reverse("news:paper_pdf", args=[collective.slug, message.pk]))
    assert response["Content-Type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 2
    assert "Piet Papier" in pages[0].extract_text() + pages[1].extract_text()
    doors = client.get(reverse("news:door_list", args=[collective.slug, message.pk]))
    assert "Dorpsstraat 1" in doors.content.decode()


def test_members_cannot_write_and_outsiders_see_nothing(client, collective, mia, charlie):
    client.force_login(mia)
    assert client.get(reverse("news:index", args=[collective.slug])).status_code == 403
    client.force_login(charlie)
    assert client.get(reverse("news:index", args=[collective.slug])).status_code == 404


def test_inzage_and_erasure_cover_delivery_rows(collective, bob, people, access_for):
    from kring.privacy.selectors import related_records
    from kring.privacy.services import erase_resident

    access = access_for(bob, collective)
    message = make_message(access)
    Delivery.objects.create(message=message, resident=people["anna"], status="verstuurd")
    sections = related_records(people["anna"])
    assert any("verzendingen van berichten" in s["title"] for s in sections)
    erase_resident(actor=bob, resident=people["anna"])
    # The row stays for the counts, but no longer says who got it.
    delivery = Delivery.objects.get()
    assert delivery.resident is None and delivery.status == "verstuurd"

import pytest
from django.urls import reverse

from kring.assets.models import Asset
from kring.people.models import Consent, Conversation, Resident
from kring.privacy.models import AuditEntry


def conversation_data(**overrides):
    data = {
        "resident": "",
        "name": "Fatima el Amrani",
        "phone": "06-12345678",
        "email": "fatima@example.nl",
        "address": "Lindestraat 4",
        "neighbourhood": "",
        "languages": "Nederlands, Arabisch",
        "held_on": "2026-11-20",
        "method": "persoonlijk",
        "hoofd_1": "weet veel van planten",
        "handen_1": "fietsen repareren",
        "handen_2": "naaien",
        "hart_1": "wil eenzame ouderen bezoeken",
        "availability": "soms",
        "purposes": ["inventaris", "verbinden"],
        "consent_method": "digitaal",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_gift_conversation_records_resident_consent_and_gifts(client, bob, collective):
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    response = client.post(url, conversation_data())
    resident = Resident.objects.get(name="Fatima el Amrani")
    assert response.status_code == 302
    assert response["Location"] == resident.get_absolute_url()
    assert resident.collective == collective
    assert set(resident.gifts.values_list("gift_kind", "title")) == {
        ("hoofd", "weet veel van planten"),
        ("handen", "fietsen repareren"),
        ("handen", "naaien"),
        ("hart", "wil eenzame ouderen bezoeken"),
    }
    assert set(
        Consent.objects.filter(resident=resident, withdrawn_at=None).values_list(
            "purpose", flat=True
        )
    ) == {"inventaris", "verbinden"}
    consent = Consent.objects.filter(resident=resident).first()
    assert consent.recorded_by == bob and consent.method == "digitaal"
    conversation = Conversation.objects.get(resident=resident)
    assert conversation.held_by == bob and str(conversation.held_on) == "2026-11-20"
    # Without consent to be seen by members, the gifts stay with the buurtmakers.
    assert set(resident.gifts.values_list("visibility", flat=True)) == {"buurtmakers"}
    assert AuditEntry.objects.filter(actor=bob, target_type="people.resident").exists()

    overview = client.get(reverse("communities:overview", args=[collective.slug]))
    assert "Fatima el Amrani" in overview.content.decode()
    gifts = client.get(reverse("assets:list", args=[collective.slug, "gift"]), {"q": "fietsen"})
    assert "fietsen repareren" in gifts.content.decode()


@pytest.mark.django_db
def test_mistakes_keep_what_was_typed_and_say_what_is_wrong(client, bob, collective):
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    response = client.post(url, conversation_data(name="", purposes=["verbinden"]))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul de naam van de bewoner in" in body
    assert "Zonder toestemming voor de inventaris" in body
    assert 'value="fietsen repareren"' in body and 'value="06-12345678"' in body
    assert not Resident.objects.exists() and not Asset.objects.exists()


@pytest.mark.django_db
def test_conversation_needs_a_gift_and_no_future_date(client, bob, collective):
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    empty = dict.fromkeys(("hoofd_1", "handen_1", "handen_2", "hart_1"), "")
    response = client.post(url, conversation_data(held_on="2999-01-01", **empty))
    body = response.content.decode()
    assert "Schrijf minstens één gave op" in body
    assert "De datum ligt in de toekomst" in body
    assert not Resident.objects.exists()


@pytest.mark.django_db
def test_conversation_with_known_resident_adds_gifts(client, bob, collective):
    from tests.factories import ResidentFactory

    resident = ResidentFactory(collective=collective, name="Kees de Vries")
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    client.post(
        url, conversation_data(resident=resident.pk, name="", purposes=["inventaris", "leden"])
    )
    assert Resident.objects.count() == 1
    assert resident.gifts.count() == 4
    assert set(resident.gifts.values_list("visibility", flat=True)) == {"leden"}


@pytest.mark.django_db
def test_a_member_cannot_hold_conversations(client, mia, collective):
    client.force_login(mia)
    response = client.get(reverse("assets:conversation", args=[collective.slug]))
    assert response.status_code == 403
    assert "Dit mag u niet doen" in response.content.decode()


@pytest.mark.django_db
def test_paper_form_is_a_pdf_with_the_questions(client, bob, collective):
    from io import BytesIO

    from pypdf import PdfReader

    client.force_login(bob)
    response = client.get(reverse("assets:paper_form", args=[collective.slug]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    for expected in ("Gaven-gesprek", "Hoofd", "Handen", "Hart", "Toestemming", collective.name):
        assert expected in text

"""The erase page shows the texts that name the resident, asks about each one that stays,
and ends on the receipt."""

import pytest
from django.urls import reverse

from kring.people.models import Resident
from kring.privacy.models import ErasureReceipt
from tests import factories


@pytest.fixture
def noor(collective):
    return factories.ResidentFactory(collective=collective, name="Noor Vermeulen")


@pytest.fixture
def initiative(collective, noor):
    return factories.InitiativeFactory(
        collective=collective, title="Moestuin", description="Noor heeft de sleutel van de poort."
    )


def erase_url(resident):
    return reverse("privacy:resident_erase", args=[resident.collective.slug, resident.pk])


@pytest.mark.django_db
def test_the_page_lists_each_text_with_the_name_marked_and_a_link(client, bob, noor, initiative):
    client.force_login(bob)
    response = client.get(erase_url(noor))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Staat de naam nog ergens anders?" in html
    assert "Tekst 1: initiatief" in html and "“Moestuin”" in html
    assert "<mark>Noor</mark> heeft de sleutel van de poort." in html
    edit = reverse("initiatives:edit", args=[noor.collective.slug, initiative.pk])
    assert f'href="{edit}"' in html
    assert f'name="shown" value="initiatives.initiative:{initiative.pk}:description"' in html
    # A choice per text, as radio buttons in a fieldset with a legend.
    assert "waarom mag de naam blijven staan?" in html and 'type="radio"' in html


@pytest.mark.django_db
def test_a_text_left_without_a_reason_stops_the_erasure_and_keeps_the_tick(
    client, bob, noor, initiative
):
    client.force_login(bob)
    key = f"initiatives.initiative:{initiative.pk}:description"
    response = client.post(erase_url(noor), {"confirm": "on", "shown": [key]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pas de tekst eerst aan, of kies waarom de naam mag blijven staan." in html
    assert 'name="confirm"' in html and "checked" in html
    assert Resident.objects.get(pk=noor.pk).erased_at is None
    assert not ErasureReceipt.objects.exists()


@pytest.mark.django_db
def test_with_a_reason_it_erases_and_shows_the_receipt(client, bob, noor, initiative):
    client.force_login(bob)
    key = f"initiatives.initiative:{initiative.pk}:description"
    field = f"reason-initiatives-initiative-{initiative.pk}-description"
    response = client.post(
        erase_url(noor), {"confirm": "on", "shown": [key], field: "other_person"}
    )
    receipt = ErasureReceipt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "privacy:erasure_receipt", args=[noor.collective.slug, receipt.pk]
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bewijs van wissen" in html and "op verzoek van de bewoner" in html
    assert "Zo gelaten." in html and "Het gaat over iemand anders met dezelfde naam." in html
    assert "Noor" not in html
    listing = reverse("privacy:erasure_receipts", args=[noor.collective.slug])
    assert "1 tekst met de naam" in client.get(listing).content.decode()
    # Buurtmakers find the receipts from the list of residents.
    residents = client.get(reverse("people:list", args=[noor.collective.slug])).content.decode()
    assert f'href="{listing}"' in residents


@pytest.mark.django_db
def test_a_text_edited_meanwhile_needs_no_reason_and_counts_as_edited(
    client, bob, noor, initiative
):
    client.force_login(bob)
    key = f"initiatives.initiative:{initiative.pk}:description"
    assert key in client.get(erase_url(noor)).content.decode()
    initiative.description = "De buren hebben de sleutel."
    initiative.save()
    response = client.post(erase_url(noor), {"confirm": "on", "shown": [key]})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Aangepast door de buurtmaker, vóór het wissen." in html


@pytest.mark.django_db
def test_no_texts_no_questions(client, bob, noor):
    client.force_login(bob)
    html = client.get(erase_url(noor)).content.decode()
    assert "De naam staat nergens anders in de teksten van het collectief." in html
    assert client.post(erase_url(noor), {"confirm": "on"}).status_code == 302


@pytest.mark.django_db
def test_receipts_are_for_the_collectives_buurtmakers_only(client, bob, mia, charlie, noor):
    client.force_login(bob)
    client.post(erase_url(noor), {"confirm": "on"})
    receipt = ErasureReceipt.objects.get()
    url = reverse("privacy:erasure_receipt", args=[noor.collective.slug, receipt.pk])
    client.force_login(mia)
    assert client.get(url).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    other = reverse("privacy:erasure_receipt", args=["elders", receipt.pk])
    assert client.get(other).status_code == 404


@pytest.mark.django_db
def test_sent_twice_at_once_the_second_lands_on_the_receipts(client, bob, noor, monkeypatch):
    """Two buurtmakers send the form at the same moment: the second finds her erased."""
    from kring.privacy import services, views

    erase = services.erase_resident

    def erased_meanwhile(**kwargs):
        erase(**kwargs)
        return erase(**kwargs)  # the second one, after the first committed

    monkeypatch.setattr(views.services, "erase_resident", erased_meanwhile)
    client.force_login(bob)
    response = client.post(erase_url(noor), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:erasure_receipts", args=[noor.collective.slug])
    assert ErasureReceipt.objects.count() == 1

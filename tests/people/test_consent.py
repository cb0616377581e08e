import pytest
from django.test import Client
from django.urls import reverse

from kring.assets.models import Asset
from kring.people.models import Consent
from tests.factories import ConsentFactory, GiftFactory, ResidentFactory


@pytest.mark.django_db
def test_members_see_only_residents_who_allowed_it(client, mia, collective):
    shown = ResidentFactory(collective=collective, name="Anna Zichtbaar")
    ConsentFactory(resident=shown, purpose="leden")
    GiftFactory(collective=collective, resident=shown, title="taarten bakken", visibility="leden")
    hidden = ResidentFactory(collective=collective, name="Bert Verborgen")
    GiftFactory(
        collective=collective, resident=hidden, title="klokken repareren", visibility="leden"
    )
    client.force_login(mia)
    residents = client.get(reverse("people:list", args=[collective.slug])).content.decode()
    assert "Anna Zichtbaar" in residents and "Bert Verborgen" not in residents
    gifts = client.get(reverse("assets:list", args=[collective.slug, "gift"])).content.decode()
    assert "taarten bakken" in gifts and "klokken repareren" not in gifts
    assert (
        client.get(reverse("people:detail", args=[collective.slug, hidden.pk])).status_code == 404
    )


@pytest.mark.django_db
def test_withdrawing_consent_for_members_hides_at_once(client, bob, mia, collective):
    resident = ResidentFactory(collective=collective, name="Anna Zichtbaar")
    ConsentFactory(resident=resident, purpose="inventaris")
    ConsentFactory(resident=resident, purpose="leden")
    client.force_login(bob)
    url = reverse("people:consent", args=[collective.slug, resident.pk])
    response = client.post(
        url, {"purposes": ["inventaris"], "method": "mondeling", "version": resident.version}
    )
    assert response.status_code == 302
    withdrawn = Consent.objects.get(resident=resident, purpose="leden")
    assert withdrawn.withdrawn_at is not None
    member = Client()
    member.force_login(mia)
    assert (
        "Anna Zichtbaar"
        not in member.get(reverse("people:list", args=[collective.slug])).content.decode()
    )


@pytest.mark.django_db
def test_withdrawing_inventory_consent_removes_the_gifts(client, bob, collective):
    resident = ResidentFactory(collective=collective)
    ConsentFactory(resident=resident, purpose="inventaris")
    GiftFactory(collective=collective, resident=resident)
    client.force_login(bob)
    client.post(
        reverse("people:consent", args=[collective.slug, resident.pk]),
        {"purposes": [], "method": "digitaal", "version": resident.version},
    )
    assert not Asset.objects.filter(resident=resident).exists()


@pytest.mark.django_db
def test_resident_form_keeps_input_on_error(client, bob, collective):
    client.force_login(bob)
    response = client.post(
        reverse("people:create", args=[collective.slug]),
        {"name": "", "email": "geen-email", "phone": "06-111", "languages": "Pools"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="Pools"' in body and 'value="06-111"' in body
    assert "aria-invalid" in body and "error-summary" in body

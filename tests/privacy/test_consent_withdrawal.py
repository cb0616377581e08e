"""Withdrawing consent takes effect at once on every page that uses it today."""

import pytest
from django.urls import reverse

from kring.people.services import set_consents

from .. import factories


@pytest.mark.django_db
def test_withdrawing_members_consent_hides_the_resident_and_gifts_from_members_at_once(
    client, collective, bob, mia, access_for
):
    resident = factories.ResidentFactory(collective=collective, name="Ans Bakker")
    access = access_for(bob, collective)
    set_consents(
        access=access, resident=resident, purposes={"inventaris", "leden"}, method="papier"
    )
    gift = factories.GiftFactory(collective=collective, resident=resident, title="Breit sokken")
    client.force_login(mia)
    people = reverse("people:list", args=[collective.slug])
    gifts = reverse("assets:list", args=[collective.slug, "gift"])
    assert "Ans Bakker" in client.get(people).content.decode()
    assert "Breit sokken" in client.get(gifts).content.decode()

    set_consents(access=access, resident=resident, purposes={"inventaris"}, method="mondeling")

    assert "Ans Bakker" not in client.get(people).content.decode()
    assert "Breit sokken" not in client.get(gifts).content.decode()
    assert client.get(resident.get_absolute_url()).status_code == 404
    assert client.get(gift.get_absolute_url()).status_code == 404
    # The withdrawal is kept as proof, with when it happened.
    assert resident.consents.filter(purpose="leden", withdrawn_at__isnull=False).exists()

"""Two people edit the same record: the second save never silently overwrites the first."""

import pytest
from django.urls import reverse

from kring.assets.models import Asset
from kring.people.models import Resident

from .. import factories


def resident_post(resident, version, **changes):
    data = {"name": resident.name, "phone": resident.phone, "email": resident.email}
    return {
        **data,
        "address": "",
        "neighbourhood": "",
        "languages": "",
        "version": version,
        **changes,
    }


@pytest.mark.django_db
def test_second_editor_of_a_resident_sees_the_other_change_and_keeps_their_text(
    client, collective, alice, bob
):
    resident = factories.ResidentFactory(collective=collective, name="Fatima Yilmaz")
    url = reverse("people:edit", args=[collective.slug, resident.pk])
    client.force_login(bob)
    assert 'name="version" value="1"' in client.get(url).content.decode()

    # Alice saves first, from her own form.
    client.force_login(alice)
    response = client.post(url, resident_post(resident, 1, phone="06-11112222"))
    assert response.status_code == 302

    # Bob saves the form he loaded before Alice's change.
    client.force_login(bob)
    response = client.post(url, resident_post(resident, 1, languages="Turks, Nederlands"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Iemand anders heeft dit ook aangepast" in body
    assert "06-11112222" in body  # what Alice saved is shown
    assert "Turks, Nederlands" in body  # what Bob typed is kept
    resident.refresh_from_db()
    assert (resident.phone, resident.languages, resident.version) == ("06-11112222", "", 2)

    # Having seen it, Bob saves again (the form now carries version 2) and both changes stay.
    assert 'name="version" value="2"' in body
    response = client.post(
        url, resident_post(resident, 2, phone="06-11112222", languages="Turks, Nederlands")
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.phone, resident.languages, resident.version) == (
        "06-11112222",
        "Turks, Nederlands",
        3,
    )


@pytest.mark.django_db
def test_second_editor_of_an_asset_sees_the_other_change_and_keeps_their_text(
    client, collective, alice, bob
):
    place = factories.AssetFactory(collective=collective, title="Buurttuin")
    url = reverse("assets:edit", args=[collective.slug, place.pk])
    form = {"title": "Buurttuin", "visibility": "leden", "source": "handmatig", "version": 1}

    client.force_login(alice)
    response = client.post(url, {**form, "opening_hours": "elke zaterdag 10-14 uur"})
    assert response.status_code == 302

    client.force_login(bob)
    response = client.post(url, {**form, "description": "Met kas en regenton"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "elke zaterdag 10-14 uur" in body
    assert "Met kas en regenton" in body
    assert "Laatst opgeslagen door Alice Admin" in body
    place = Asset.objects.get(pk=place.pk)
    assert place.description == "" and place.version == 2
    assert place.history.count() == 2  # created, Alice's change; the refused save left no trace


@pytest.mark.django_db
def test_edits_without_a_conflict_just_save(client, collective, bob):
    resident = factories.ResidentFactory(collective=collective)
    client.force_login(bob)
    url = reverse("people:edit", args=[collective.slug, resident.pk])
    assert client.post(url, resident_post(resident, 1, phone="010-1234567")).status_code == 302
    assert Resident.objects.get(pk=resident.pk).version == 2

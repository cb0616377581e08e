"""The resident picker: search instead of a list of everyone, with and without JavaScript, and
only residents the member may see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.assets.models import Asset
from kring.initiatives.models import Connection, Initiative
from kring.people.models import Conversation, Resident
from tests import factories
from tests.test_isolation import alice_world  # noqa: F401 (the fixture, used by name)
from tests.test_query_counts import collective_pages

from .test_conversation import conversation_data


def resident(collective, name, *, members=True):
    person = factories.ResidentFactory(collective=collective, name=name)
    factories.ConsentFactory(resident=person)
    if members:
        factories.ConsentFactory(resident=person, purpose="leden")
    return person


@pytest.fixture
def people(collective, other_collective):
    return {
        "jan": resident(collective, "Jan de Vries"),
        "janna": resident(collective, "Janna Bakker"),
        "piet": resident(collective, "Piet Kok"),
        "hidden": resident(collective, "Jantine Stil", members=False),
        "elsewhere": resident(other_collective, "Jan Elders"),
    }


def pick(client, collective, query):
    url = reverse("people:pick", args=[collective.slug])
    response = client.get(url, {"q": query, "list": "id_resident_listbox"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_search_offers_only_residents_of_the_collective_the_member_may_see(
    client, bob, mia, collective, people
):
    client.force_login(bob)
    body = pick(client, collective, "jan")
    assert body.count('role="option"') == 3
    assert "Jan de Vries" in body and "Janna Bakker" in body and "Jantine Stil" in body
    assert "Jan Elders" not in body and "Piet Kok" not in body
    assert f'id="id_resident_listbox-{people["jan"].pk}"' in body
    # A plain member sees only residents who allowed members to see them.
    client.force_login(mia)
    body = pick(client, collective, "jan")
    assert "Jantine Stil" not in body and "Jan de Vries" in body
    assert pick(client, collective, "").strip() == ""


@pytest.mark.django_db
def test_the_search_offers_a_few_matches_with_constant_queries(client, bob, collective, people):
    client.force_login(bob)
    url = reverse("people:pick", args=[collective.slug])
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "bewoner"})
    for n in range(25):
        resident(collective, f"Bewoner {n}")
    with CaptureQueriesContext(connection) as many:
        body = client.get(url, {"q": "bewoner"}).content.decode()
    assert body.count('role="option"') == 10
    assert len(many) == len(few)


@pytest.mark.django_db
def test_no_page_of_the_collective_renders_every_resident(client, alice, collective, request):
    world = request.getfixturevalue("alice_world")
    for n in range(60):
        resident(collective, f"Zichtbaar Persoon {n:02d}")
    client.force_login(alice)
    shown = {}
    for url in collective_pages(world):
        response = client.get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            shown[url] = len(set(re.findall(r"Zichtbaar Persoon \d\d", response.content.decode())))
    assert len(shown) >= 15
    too_many = {url: count for url, count in shown.items() if count > 50}
    assert not too_many, f"pages that list (nearly) every resident: {too_many}"


@pytest.mark.django_db
def test_forms_that_pick_residents_offer_a_combobox_not_a_list(client, bob, collective, people):
    client.force_login(bob)
    slug = collective.slug
    for url in [
        reverse("assets:conversation", args=[slug]),
        reverse("assets:create", args=[slug, "gift"]),
        reverse("initiatives:create_connection", args=[slug]),
        reverse("initiatives:create", args=[slug]),
        reverse("initiatives:connections", args=[slug]),
    ]:
        body = client.get(url).content.decode()
        assert 'role="combobox"' in body, url
        assert 'aria-expanded="false"' in body and 'role="listbox"' in body, url
        assert reverse("people:pick", args=[slug]) in body, url
        assert "Piet Kok" not in body, url


@pytest.mark.django_db
def test_without_javascript_a_typed_name_that_fits_one_resident_is_chosen(
    client, bob, collective, people
):
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    data = conversation_data(resident="", resident_search="piet", name="")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert Conversation.objects.get().resident == people["piet"]
    # An exact name wins over longer names that contain it.
    Conversation.objects.all().delete()
    response = client.post(url, conversation_data(resident_search="jan de vries", name=""))
    assert response.status_code == 302
    assert Conversation.objects.get().resident == people["jan"]


@pytest.mark.django_db
def test_several_matches_come_back_as_a_choice_and_keep_what_was_typed(
    client, bob, collective, people
):
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    response = client.post(url, conversation_data(resident_search="Jan", name=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert "3 bewoners hebben ‘Jan’ in de naam" in body
    assert 'value="Jan"' in body and 'value="fietsen repareren"' in body
    for person in ("jan", "janna", "hidden"):
        assert f'type="radio" name="resident" value="{people[person].pk}"' in body
    assert not Conversation.objects.exists()
    # Choosing one of them, with the search text still there, records it.
    response = client.post(
        url, conversation_data(resident=str(people["janna"].pk), resident_search="Jan", name="")
    )
    assert response.status_code == 302
    assert Conversation.objects.get().resident == people["janna"]


@pytest.mark.django_db
def test_a_name_nobody_has_is_a_clear_error(client, bob, collective, people):
    client.force_login(bob)
    url = reverse("assets:conversation", args=[collective.slug])
    response = client.post(url, conversation_data(resident_search="Xander", name=""))
    assert response.status_code == 400
    assert "Geen bewoner gevonden met ‘Xander’" in response.content.decode()


@pytest.mark.django_db
def test_a_resident_of_another_collective_or_hidden_cannot_be_chosen_by_number(
    client, bob, mia, collective, people
):
    client.force_login(bob)
    url = reverse("initiatives:create_connection", args=[collective.slug])
    data = {
        "resident": str(people["elsewhere"].pk),
        "resident_search": "Jan Elders",
        "kind": "ontmoet",
        "other_resident": str(people["piet"].pk),
        "happened_on": "2026-11-20",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Deze bewoner kunt u hier niet kiezen" in response.content.decode()
    assert not Connection.objects.exists()
    # Without the search field (an older form or a script) the number alone is checked too.
    del data["resident_search"]
    response = client.post(url, {**data, "resident": "99999999"})
    assert response.status_code == 400
    assert "Deze bewoner kunt u hier niet kiezen" in response.content.decode()
    # A plain member cannot pick a resident who did not allow members to see them.
    client.force_login(mia)
    assert "Jantine" not in pick(client, collective, "Jantine")


@pytest.mark.django_db
def test_a_number_alone_still_picks_and_the_search_text_follows_it(client, bob, collective, people):
    client.force_login(bob)
    url = reverse("initiatives:create_connection", args=[collective.slug])
    data = {
        "resident": str(people["jan"].pk),
        "kind": "ontmoet",
        "other_resident": str(people["piet"].pk),
        "other_resident_search": "Piet Kok",
        "happened_on": "2026-11-20",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    connection_ = Connection.objects.get()
    assert (connection_.resident, connection_.other_resident) == (people["jan"], people["piet"])
    # A search text that does not fit the chosen number searches anew.
    response = client.post(url, {**data, "other_resident_search": "Janna"})
    assert response.status_code == 302
    assert Connection.objects.latest("pk").other_resident == people["janna"]


@pytest.mark.django_db
def test_many_residents_are_added_one_search_at_a_time_and_kept_ticked(
    client, bob, collective, people
):
    client.force_login(bob)
    url = reverse("initiatives:create", args=[collective.slug])
    data = {
        "title": "Repair café",
        "status": "idee",
        "initiators": [str(people["jan"].pk)],
        "initiators_search": "piet",
        "participants_search": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    initiative = Initiative.objects.get()
    assert set(initiative.initiators.all()) == {people["jan"], people["piet"]}
    assert not initiative.participants.exists()
    edit = client.get(reverse("initiatives:edit", args=[collective.slug, initiative.pk]))
    body = edit.content.decode()
    assert f'name="initiators" value="{people["piet"].pk}" checked' in body
    assert "Janna Bakker" not in body


@pytest.mark.django_db
def test_a_gift_on_the_asset_form_is_given_to_a_searched_resident(client, bob, collective, people):
    client.force_login(bob)
    url = reverse("assets:create", args=[collective.slug, "gift"])
    response = client.post(
        url,
        {
            "resident_search": "Piet Kok",
            "gift_kind": "handen",
            "title": "Fietsen maken",
            "availability": "nu",
            "visibility": "leden",
            "source": "handmatig",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Asset.objects.get(title="Fietsen maken").resident == people["piet"]
    assert Resident.objects.count() == 5


@pytest.mark.django_db
def test_control_characters_in_a_search_are_no_part_of_the_name(client, bob, collective, people):
    client.force_login(bob)
    assert "Piet Kok" in pick(client, collective, "pi\x07et\tkok")
    url = reverse("assets:conversation", args=[collective.slug])
    # A NUL is refused as a whole, with a plain message (kring.core.middleware).
    refused = client.post(url, conversation_data(resident_search="Piet\x00", name=""))
    assert refused.status_code == 400 and "nul-teken" in refused.content.decode()
    response = client.post(url, conversation_data(resident_search="Piet\x07", name=""))
    assert response.status_code == 302
    assert Conversation.objects.get().resident == people["piet"]

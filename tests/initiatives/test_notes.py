"""The "Verbinden" message reads like a neighbour wrote it: first name, why they came to mind (the
gift that fits, the buurt they share, an institution asked for), in Dutch and in English."""

import pytest
from django.utils import translation

from kring.initiatives import selectors
from kring.initiatives.models import Connection
from kring.initiatives.notes import introduction_text
from kring.matching.services import rebuild_search_index
from kring.people.models import ConsentPurpose
from tests import factories


@pytest.fixture
def samira(collective, neighbourhood):
    resident = factories.ResidentFactory(
        collective=collective, name="Samira Bakker", neighbourhood=neighbourhood
    )
    for purpose in (ConsentPurpose.INVENTORY, ConsentPurpose.MATCHING):
        factories.ConsentFactory(resident=resident, purpose=purpose)
    factories.GiftFactory(collective=collective, resident=resident, title="Arabisch spreken")
    factories.GiftFactory(collective=collective, resident=resident, title="Fietsen repareren")
    rebuild_search_index(collective=collective)
    return resident


def _connect(client, bob, need, asset):
    client.force_login(bob)
    response = client.post(f"/c/havenkwartier/needs/{need.pk}/connect/", {"asset": asset.pk})
    assert response.status_code == 302
    return Connection.objects.get(need=need)


@pytest.mark.django_db
def test_message_to_a_resident_names_the_gift_that_fits_and_the_shared_buurt(
    client, bob, collective, neighbourhood, samira
):
    initiative = factories.InitiativeFactory(
        collective=collective, title="Repair café in het Fort", neighbourhood=neighbourhood
    )
    need = factories.NeedFactory(initiative=initiative, text="fietsreparatie")
    connection = _connect(client, bob, need, samira.gifts.get(title="Fietsen repareren"))
    # The log keeps the sentence a person would write, not a list of machine reasons.
    assert connection.note == "Samira: fietsen repareren — past bij ‘fietsreparatie’"
    text = introduction_text(connection, sender=bob)
    assert text.startswith("Hoi Samira,\n")
    assert "Ik ben Bob, buurtmaker bij Havenkwartier Coöperatie." in text
    assert "Ze zoeken: fietsreparatie." in text
    # The gift that fits this need, not the other one.
    assert "Je vertelde dat je dit graag doet: ‘Fietsen repareren’." in text
    assert "Arabisch" not in text
    assert "En je woont ook nog eens in dezelfde buurt." in text
    assert "staat erin" not in text and "synoniem" not in text
    assert text.rstrip().endswith("Groetjes,\nBob Buurtmaker\nHavenkwartier Coöperatie")
    page = client.get(connection.get_absolute_url()).content.decode()
    assert "Hoi Samira," in page


@pytest.mark.django_db
def test_message_in_english(client, bob, collective, neighbourhood, samira):
    initiative = factories.InitiativeFactory(
        collective=collective, title="Repair café", neighbourhood=neighbourhood
    )
    need = factories.NeedFactory(initiative=initiative, text="fietsen maken")
    connection = _connect(client, bob, need, samira.gifts.get(title="Fietsen repareren"))
    with translation.override("en"):
        text = introduction_text(connection, sender=bob)
    assert text.startswith("Hi Samira,\n")
    assert "I'm Bob, community builder at Havenkwartier Coöperatie." in text
    assert "You told me you like doing this: ‘Fietsen repareren’." in text
    assert "And you live in the same neighbourhood, too." in text
    assert "Hoi" not in text and "Groetjes" not in text


@pytest.mark.django_db
def test_a_resident_elsewhere_and_a_gift_that_no_longer_fits(client, bob, collective, samira):
    initiative = factories.InitiativeFactory(collective=collective, title="Repair café")
    need = factories.NeedFactory(initiative=initiative, text="fietsreparatie")
    connection = _connect(client, bob, need, samira.gifts.get(title="Fietsen repareren"))
    samira.gifts.filter(title="Fietsen repareren").update(title="Koken")
    text = introduction_text(connection, sender=bob)
    # No gift fits any more: the note of the buurtmaker says why instead; no buurt is claimed.
    assert "Je vertelde" not in text
    assert "moest ik meteen aan jou denken: Samira: fietsen repareren" in text
    assert "dezelfde buurt" not in text


@pytest.mark.django_db
def test_message_to_an_institution_for_a_door_instelling_need(
    client, bob, builder_access, collective, neighbourhood
):
    workshop = factories.AssetFactory(
        collective=collective,
        category="institution",
        title="Werkplaats van de gemeente",
        description="Jongeren leren er fietsen repareren.",
        neighbourhood=neighbourhood,
    )
    rebuild_search_index(collective=collective)
    initiative = factories.InitiativeFactory(
        collective=collective, title="Repair café", neighbourhood=neighbourhood
    )
    need = factories.NeedFactory(
        initiative=initiative, text="fietsen repareren", question="instelling"
    )
    assert selectors.helpers_for_need(builder_access, need)[0].asset == workshop
    connection = _connect(client, bob, need, workshop)
    text = introduction_text(connection, sender=bob)
    assert text.startswith("Beste mensen van Werkplaats van de gemeente,\n")
    assert "We dachten meteen aan jullie: wat jullie doen past er goed bij." in text
    assert "juist een instelling of vereniging bij zoeken" in text
    assert "En jullie zitten ook nog eens in dezelfde buurt." in text
    assert "Met vriendelijke groet," in text
    with translation.override("en"):
        english = introduction_text(connection, sender=bob)
    assert english.startswith("Dear people of Werkplaats van de gemeente,\n")
    assert "Kind regards," in english

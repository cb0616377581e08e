import pytest
from django.urls import reverse

from kring.assets.models import Availability
from kring.matching.services import rebuild_search_index
from kring.people.models import ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def gifts(collective):
    shared = factories.ResidentFactory(collective=collective, name="Henk Open")
    shy = factories.ResidentFactory(collective=collective, name="Sanne Stil")
    for purpose in ("inventaris", "verbinden", "leden"):
        factories.ConsentFactory(resident=shared, purpose=purpose)
    factories.ConsentFactory(resident=shy, purpose=ConsentPurpose.MATCHING)
    factories.GiftFactory(
        collective=collective, resident=shared, title="Fietsen repareren", availability="nu"
    )
    factories.GiftFactory(
        collective=collective,
        resident=shy,
        title="Fietsen opknappen",
        availability=Availability.SOMETIMES,
    )
    rebuild_search_index(collective=collective)


def url(collective, **query):
    from urllib.parse import urlencode

    return reverse("matching:search", args=[collective.slug]) + "?" + urlencode(query)


def test_builder_finds_gifts_with_reasons(client, alice, collective, gifts):
    client.force_login(alice)
    response = client.get(url(collective, q="fietsreparatie"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fietsen repareren" in body and "Fietsen opknappen" in body
    assert "bestaat uit" in body
    assert body.index("Fietsen repareren") < body.index("Fietsen opknappen")


def test_member_sees_only_residents_who_allowed_it(client, mia, collective, gifts):
    client.force_login(mia)
    body = client.get(url(collective, q="fiets")).content.decode()
    assert "Fietsen repareren" in body
    assert "Sanne Stil" not in body and "Fietsen opknappen" not in body


def test_the_page_works_without_a_question_and_with_a_category(client, mia, collective, gifts):
    client.force_login(mia)
    assert client.get(url(collective)).status_code == 200
    body = client.get(url(collective, q="fiets", category="place")).content.decode()
    assert "Fietsen repareren" not in body


def test_wrong_input_is_answered_with_400_and_kept(client, mia, collective):
    client.force_login(mia)
    response = client.get(url(collective, q="fiets", category="onbekend"))
    assert response.status_code == 400
    assert 'value="fiets"' in response.content.decode()


def test_outsiders_get_404(client, charlie, collective, gifts):
    client.force_login(charlie)
    assert client.get(url(collective, q="fiets")).status_code == 404


def test_the_header_has_a_search_box(client, mia, collective):
    client.force_login(mia)
    body = client.get(reverse("communities:overview", args=[collective.slug])).content.decode()
    assert reverse("matching:search", args=[collective.slug]) in body


def test_rebuild_command(collective, gifts, capsys):
    from django.core.management import call_command

    call_command("rebuild_search_index", "--collective", collective.slug)
    assert "Indexed 2 assets" in capsys.readouterr().out


@pytest.fixture
def ground(collective):
    person = factories.ResidentFactory(collective=collective, name="Ria Groen")
    for purpose in ("inventaris", "verbinden", "leden"):
        factories.ConsentFactory(resident=person, purpose=purpose)
    factories.GiftFactory(collective=collective, resident=person, title="Stuk grond te leen")
    factories.GiftFactory(collective=collective, resident=person, title="Help graag in de tuin")
    rebuild_search_index(collective=collective)


def test_loose_results_are_shown_apart_under_their_own_heading(client, alice, collective, ground):
    client.force_login(alice)
    body = client.get(url(collective, q="een stukje grond")).content.decode()
    assert '<h2 id="results-heading">1 gevonden</h2>' in body
    assert '<h3 id="loose-heading">Past misschien ook</h3>' in body
    assert "alleen een woord dat bij uw vraag hoort" in body
    # Two lists: the sure result above the heading, the loose one below it.
    assert body.count('<ol class="match-list">') == 2
    sure, heading, loose = (
        body.index("Stuk grond te leen"),
        body.index("Past misschien ook"),
        body.index("Help graag in de tuin"),
    )
    assert sure < heading < loose


def test_only_loose_results_are_shown_with_a_kind_word(client, alice, collective, ground):
    client.force_login(alice)
    body = client.get(url(collective, q="plant")).content.decode()
    assert "Niets gevonden dat precies past" in body
    assert '<h3 id="loose-heading">Past misschien</h3>' in body
    assert body.count('<ol class="match-list">') == 1


def test_the_loose_heading_is_in_english_too(client, alice, collective, ground):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(url(collective, q="een stukje grond")).content.decode()
    assert "May also fit" in body and "goes with your question" in body

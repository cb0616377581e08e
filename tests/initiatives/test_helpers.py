"""“Wie kan helpen?” through the real matching engine: the right resident first, and never a
resident who did not consent to being connected ("verbinden")."""

import pytest

from kring.initiatives import selectors
from kring.initiatives.models import Connection, NeedStatus
from kring.matching.services import rebuild_search_index
from kring.people.models import ConsentPurpose
from tests import factories


def _resident(collective, name, gift, *purposes):
    resident = factories.ResidentFactory(collective=collective, name=name)
    for purpose in purposes:
        factories.ConsentFactory(resident=resident, purpose=purpose)
    factories.GiftFactory(collective=collective, resident=resident, title=gift)
    return resident


@pytest.fixture
def neighbours(collective):
    matching = [ConsentPurpose.INVENTORY, ConsentPurpose.MATCHING]
    world = {
        "samira": _resident(collective, "Samira Bakker", "fietsen repareren", *matching),
        "kees": _resident(
            collective,
            "Kees Zonder",
            "fietsen repareren en banden plakken",
            ConsentPurpose.INVENTORY,
            ConsentPurpose.MEMBERS,
        ),
        "anna": _resident(collective, "Anna Taal", "Arabisch spreken", *matching),
    }
    factories.AssetFactory(
        collective=collective, category="association", title="Fietsersbond afdeling Havenkwartier"
    )
    rebuild_search_index(collective=collective)
    return world


@pytest.mark.django_db
def test_the_resident_whose_gift_fits_comes_first_with_reasons(
    builder_access, initiative, neighbours
):
    need = factories.NeedFactory(initiative=initiative, text="iemand voor fietsreparatie")
    helpers = selectors.helpers_for_need(builder_access, need)
    assert helpers, "nobody found"
    assert helpers[0].resident == neighbours["samira"]
    assert helpers[0].reasons


@pytest.mark.django_db
def test_a_resident_without_consent_to_be_connected_never_appears(
    builder_access, client, bob, initiative, neighbours
):
    need = factories.NeedFactory(initiative=initiative, text="fietsen repareren en banden plakken")
    names = [
        h.resident.name for h in selectors.helpers_for_need(builder_access, need) if h.resident
    ]
    assert "Kees Zonder" not in names
    assert "Samira Bakker" in names
    client.force_login(bob)
    page = client.get(f"/c/havenkwartier/needs/{need.pk}/helpers/")
    assert page.status_code == 200
    assert "Kees Zonder" not in page.content.decode()
    # Nor can he be connected by posting his gift directly.
    gift = neighbours["kees"].gifts.get()
    response = client.post(f"/c/havenkwartier/needs/{need.pk}/connect/", {"asset": gift.pk})
    assert response.status_code == 302
    assert not Connection.objects.exists()


@pytest.mark.django_db
def test_withdrawing_consent_removes_the_resident_at_once(builder_access, initiative, neighbours):
    need = factories.NeedFactory(initiative=initiative, text="fietsen repareren")
    samira = neighbours["samira"]
    from django.utils import timezone

    samira.consents.filter(purpose=ConsentPurpose.MATCHING).update(withdrawn_at=timezone.now())
    helpers = selectors.helpers_for_need(builder_access, need)
    assert samira not in [h.resident for h in helpers]


@pytest.mark.django_db
def test_verbinden_records_the_connection_sets_the_need_found_and_writes_a_note(
    client, bob, initiative, neighbours
):
    need = factories.NeedFactory(initiative=initiative, text="fietsreparatie")
    gift = neighbours["samira"].gifts.get()
    client.force_login(bob)
    response = client.post(f"/c/havenkwartier/needs/{need.pk}/connect/", {"asset": gift.pk})
    connection = Connection.objects.get()
    assert response.url == connection.get_absolute_url()
    assert connection.other_resident == neighbours["samira"]
    assert connection.initiative == initiative and connection.need == need
    assert connection.recorded_by == bob
    need.refresh_from_db()
    assert need.status == NeedStatus.FOUND
    note = client.get(response.url).content.decode()
    assert "Hoi Samira," in note
    assert "Repair café in het Fort" in note
    assert "Ze zoeken: fietsreparatie." in note
    log = client.get("/c/havenkwartier/connections/").content.decode()
    assert "Samira Bakker" in log
    # Shown as already connected, not offered twice.
    helpers = client.get(f"/c/havenkwartier/needs/{need.pk}/helpers/").content.decode()
    assert "Al verbonden voor deze vraag" in helpers


@pytest.mark.django_db
def test_members_cannot_open_who_can_help(client, mia, initiative, neighbours):
    need = factories.NeedFactory(initiative=initiative, text="fietsen")
    client.force_login(mia)
    assert client.get(f"/c/havenkwartier/needs/{need.pk}/helpers/").status_code == 403


@pytest.fixture
def workshop(collective, neighbours):
    """An institution whose text fits less well than Samira's gift (a longer description)."""
    asset = factories.AssetFactory(
        collective=collective,
        category="institution",
        title="Werkplaats van de gemeente",
        description="Een plek waar statushouders en jongeren samen leren fietsen te repareren, "
        "met vaste begeleiders, gereedschap en een koffiehoek voor iedereen uit de wijk.",
    )
    rebuild_search_index(collective=collective)
    return asset


@pytest.mark.django_db
def test_door_instelling_lists_institutions_and_associations_first(
    builder_access, initiative, neighbours, workshop
):
    itself = factories.NeedFactory(initiative=initiative, text="fietsen repareren", question="zelf")
    helpers = selectors.helpers_for_need(builder_access, itself)
    # The best text match is Samira's gift, so a "zelf" need lists her first, as always.
    assert helpers[0].resident == neighbours["samira"]
    assert workshop in [h.asset for h in helpers]
    assert not any("door instelling" in r for h in helpers for r in h.reasons)

    by_institution = factories.NeedFactory(
        initiative=initiative, text="fietsen repareren", question="instelling"
    )
    helpers = selectors.helpers_for_need(builder_access, by_institution)
    assert helpers[0].asset == workshop
    assert helpers[0].reasons[0] == "een instelling of vereniging: past bij ‘door instelling’"
    assert len(helpers[0].reasons) > 1  # the engine's own reasons follow
    # Then the rest, without doubles, and still no resident without consent.
    assets = [h.asset for h in helpers]
    assert len(assets) == len(set(assets))
    assert neighbours["samira"] in [h.resident for h in helpers]
    assert neighbours["kees"] not in [h.resident for h in helpers]
    samira = next(h for h in helpers if h.resident == neighbours["samira"])
    assert not any("door instelling" in r for r in samira.reasons)


@pytest.fixture
def fitting_institution(collective):
    """An institution whose text fits a need better than any resident's gift does."""
    matching = [ConsentPurpose.INVENTORY, ConsentPurpose.MATCHING]
    resident = _resident(
        collective,
        "Joke de Vries",
        "Soms help ik buren met hun fiets, repareren van lampjes en kettingen",
        *matching,
    )
    institution = factories.AssetFactory(
        collective=collective, category="institution", title="Fietsen repareren"
    )
    rebuild_search_index(collective=collective)
    return resident, institution


@pytest.mark.django_db
@pytest.mark.parametrize(
    "question, first",
    [("zelf", "institution"), ("met_hulp", "resident"), ("instelling", "institution")],
)
def test_met_hulp_keeps_residents_first_door_instelling_institutions(
    builder_access, initiative, fitting_institution, question, first
):
    resident, institution = fitting_institution
    need = factories.NeedFactory(initiative=initiative, text="fietsen repareren", question=question)
    helpers = selectors.helpers_for_need(builder_access, need)
    order = [h.resident or h.asset for h in helpers]
    # Both are found under every question; only the order differs.
    assert resident in order and institution in order
    expected = [resident, institution] if first == "resident" else [institution, resident]
    assert [x for x in order if x in expected] == expected
    marked = [h for h in helpers if "door instelling" in " ".join(h.reasons)]
    assert [h.asset for h in marked] == ([institution] if question == "instelling" else [])


@pytest.mark.django_db
def test_a_place_that_fits_well_is_not_buried_by_residents_who_fit_loosely(
    builder_access, initiative, collective
):
    """ "Met hulp" puts residents first only while they fit nearly as well as the best helper of
    any kind (FIRST_SHARE): a hall with the room and the kitchen the need names comes before a
    gift that shares only a part of a compound with one of its words (podium, podiumtechniek)."""
    matching = [ConsentPurpose.INVENTORY, ConsentPurpose.MATCHING]
    loose = _resident(
        collective, "Piet Jansen", "Podiumtechniek: licht en geluid bij voorstellingen", *matching
    )
    close = _resident(
        collective, "Ria Smit", "Ik help graag in de keuken en achter de bar", *matching
    )
    hall = factories.AssetFactory(
        collective=collective,
        category="place",
        title="Dorpshuis De Linde",
        description="Zaal voor tachtig mensen met keuken, bar, garderobe, biljart en podium",
        neighbourhood=initiative.neighbourhood,
    )
    rebuild_search_index(collective=collective)
    need = factories.NeedFactory(
        initiative=initiative,
        text="Zaal met keuken, bar, garderobe, biljart en podium voor zestig mensen",
        question="met_hulp",
    )
    helpers = selectors.helpers_for_need(builder_access, need)
    order = [h.resident or h.asset for h in helpers]
    assert order.index(hall) < order.index(loose)
    # A resident who fits nearly as well still comes first.
    assert order.index(close) < order.index(hall)


def test_first_for_question_leads_only_with_those_that_fit_nearly_as_well():
    from types import SimpleNamespace

    def match(pk, score):
        return SimpleNamespace(asset=SimpleNamespace(pk=pk), score=score)

    gift_close, gift_loose, hall = match(1, 4.0), match(2, 0.5), match(3, 5.0)
    ordered, lead = selectors.first_for_question(
        [gift_close, gift_loose], [hall, gift_close, gift_loose], 0.3
    )
    assert [m.asset.pk for m in ordered] == [1, 3, 2]
    assert lead == {1}
    # With no share asked for ("door instelling"), all those asked for lead.
    ordered, lead = selectors.first_for_question(
        [gift_close, gift_loose], [hall, gift_close, gift_loose], 0.0
    )
    assert [m.asset.pk for m in ordered] == [1, 2, 3]
    # Without any helper, nothing leads and nothing breaks.
    assert selectors.first_for_question([], [], 0.3) == ([], set())

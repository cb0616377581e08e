"""The engine as its callers see it: kring.matching.search on a collective."""

from pathlib import Path

import pytest

from kring.assets import services as asset_services
from kring.assets.models import Asset, Availability, Category, GiftKind
from kring.matching import search, typos
from kring.matching.models import SearchDocument, SynonymGroup
from kring.matching.services import rebuild_search_index
from kring.people import services as people_services
from kring.people.models import ConsentMethod, ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db

EVERYTHING = {ConsentPurpose.INVENTORY, ConsentPurpose.MATCHING, ConsentPurpose.MEMBERS}


def resident(collective, name, purposes=EVERYTHING, neighbourhood=None):
    person = factories.ResidentFactory(
        collective=collective, name=name, neighbourhood=neighbourhood
    )
    for purpose in purposes:
        factories.ConsentFactory(resident=person, purpose=purpose)
    return person


def gift(access, person, title, availability=Availability.NOW, **fields):
    asset = Asset(
        category=Category.GIFT,
        resident=person,
        gift_kind=GiftKind.HANDS,
        title=title,
        availability=availability,
        neighbourhood=person.neighbourhood,
        **fields,
    )
    return asset_services.create_asset(access=access, asset=asset)


def installed(folder: str, file: str, what: str) -> Path:
    """The folder of a Debian package the lexicon builder reads, or skip: CI need not have it."""
    path = Path(folder)
    if not (path / file).exists():
        pytest.skip(f"{what} is not installed")
    return path


def titles(matches):
    return [m.asset.title for m in matches]


def search_for(collective, text):
    """A search as a new process makes it: without a vocabulary of the collective kept."""
    typos.forget()
    return search(collective=collective, text=text)


def test_a_need_worded_differently_finds_the_gift(builder, collective):
    gift(builder, resident(collective, "Henk"), "Fietsen repareren")
    gift(builder, resident(collective, "Fatima"), "Taarten bakken")
    for need in ["fietsreparatie", "mijn rijwiel is kapot", "wie repareert een fiets?"]:
        matches = search(collective=collective, text=need)
        assert titles(matches)[:1] == ["Fietsen repareren"], need
        assert matches[0].reasons
        assert "Taarten bakken" not in titles(matches)


def test_reasons_name_the_synonym_the_compound_and_the_place(builder, collective, neighbourhood):
    gift(builder, resident(collective, "Henk", neighbourhood=neighbourhood), "Fietsen repareren")
    [match] = search(collective=collective, text="rijwiel", neighbourhood=neighbourhood)
    assert "synoniem: rijwiel = fiets" in match.reasons
    assert "woont in dezelfde buurt" in match.reasons
    assert "kan nu meedoen" in match.reasons
    [match] = search(collective=collective, text="fietsreparatie")
    assert "‘fietsreparatie’ bestaat uit ‘fiets’ + ‘reparatie’" in match.reasons
    # The compound's head (its last part) says what it is, and names the match.
    assert "‘reparatie’ lijkt op ‘repareren’" in match.reasons


def test_multi_word_synonyms(builder, collective):
    gift(builder, resident(collective, "Ans"), "Koken voor de buren")
    assert titles(search(collective=collective, text="eten maken")) == ["Koken voor de buren"]


def test_the_synonym_list_is_editable_and_counts_at_once(builder, collective):
    gift(builder, resident(collective, "Piet"), "Gitaar spelen")
    assert search(collective=collective, text="snaarinstrument") == []
    SynonymGroup.objects.create(terms="gitaar, snaarinstrument")
    assert titles(search(collective=collective, text="snaarinstrument")) == ["Gitaar spelen"]


def test_the_index_follows_create_update_and_delete(builder, collective):
    asset = gift(builder, resident(collective, "Henk"), "Fietsen repareren")
    assert titles(search(collective=collective, text="fiets")) == ["Fietsen repareren"]
    asset.title = "Breien en haken"
    asset_services.update_asset(access=builder, asset=asset)
    assert search(collective=collective, text="fiets") == []
    assert titles(search(collective=collective, text="breien")) == ["Breien en haken"]
    asset_services.delete_asset(access=builder, asset=asset)
    assert search(collective=collective, text="breien") == []
    assert not SearchDocument.objects.exists()


def test_rebuilding_everything_finds_the_same_and_keeps_following_changes(builder, collective):
    kept = gift(builder, resident(collective, "Henk"), "Fietsen repareren")
    gone = gift(builder, resident(collective, "Fatima"), "Taarten bakken")
    # Rows the index does not know yet, and a stale row, are put right by a full rebuild.
    SearchDocument.objects.filter(asset=kept).delete()
    assert search(collective=collective, text="fiets") == []
    assert rebuild_search_index() == 2
    assert titles(search(collective=collective, text="fiets")) == ["Fietsen repareren"]
    assert titles(search(collective=collective, text="taart")) == ["Taarten bakken"]
    # The database's own index keeps following changes after it was set aside and made again.
    asset_services.delete_asset(access=builder, asset=gone)
    assert search(collective=collective, text="taart") == []
    gift(builder, resident(collective, "Jan"), "Breien en haken")
    assert titles(search(collective=collective, text="breien")) == ["Breien en haken"]
    kept.title = "Gitaarles"
    asset_services.update_asset(access=builder, asset=kept)
    assert search(collective=collective, text="fiets") == []
    assert titles(search(collective=collective, text="gitaar")) == ["Gitaarles"]
    assert rebuild_search_index() == 2
    assert titles(search(collective=collective, text="gitaar")) == ["Gitaarles"]


def test_tags_are_searched(builder, collective):
    asset = Asset(category=Category.PLACE, title="Het Fort")
    asset_services.create_asset(access=builder, asset=asset, tags=["vergaderruimte"])
    assert titles(search(collective=collective, text="vergaderruimte")) == ["Het Fort"]


def test_a_resident_without_consent_for_matching_never_appears(builder, collective):
    without = resident(collective, "Zonder", purposes={ConsentPurpose.INVENTORY})
    gift(builder, without, "Fietsen repareren")
    assert search(collective=collective, text="fiets") == []
    assert search(collective=collective, text="fiets", viewer_access=builder) == []


def test_withdrawing_consent_for_matching_counts_at_once(builder, collective):
    person = resident(collective, "Henk")
    gift(builder, person, "Fietsen repareren")
    assert len(search(collective=collective, text="fiets")) == 1
    people_services.set_consents(
        access=builder,
        resident=person,
        purposes={ConsentPurpose.INVENTORY, ConsentPurpose.MEMBERS},
        method=ConsentMethod.DIGITAL,
    )
    assert search(collective=collective, text="fiets") == []


def test_gifts_from_a_gift_conversation_are_found(builder, collective):
    from datetime import date

    from kring.people.models import ConversationMethod, Resident

    asset_services.record_gift_conversation(
        access=builder,
        resident=Resident(name="Nieuw"),
        gifts=[asset_services.GiftInput(kind=GiftKind.HEAD, title="Uitleg over de computer")],
        availability=Availability.NOW,
        purposes=EVERYTHING,
        consent_method=ConsentMethod.DIGITAL,
        held_on=date(2026, 11, 1),
        method=ConversationMethod.IN_PERSON,
    )
    assert titles(search(collective=collective, text="laptop")) == ["Uitleg over de computer"]


def test_another_collective_is_never_searched(builder, collective, other_collective):
    gift(builder, resident(collective, "Henk"), "Fietsen repareren")
    assert search(collective=other_collective, text="fiets") == []
    elders = factories.GiftFactory(collective=other_collective, title="Fietsen repareren")
    rebuild_search_index(collective=other_collective)
    factories.ConsentFactory(resident=elders.resident, purpose=ConsentPurpose.MATCHING)
    found = search(collective=collective, text="fiets")
    assert [m.asset.collective_id for m in found] == [collective.pk]


def test_a_viewer_of_another_collective_is_refused(builder, other_collective):
    with pytest.raises(ValueError):
        search(collective=other_collective, text="fiets", viewer_access=builder)


def test_members_see_only_what_residents_allowed(builder, collective, mia, access_for):
    shy = resident(collective, "Verlegen", purposes={"inventaris", "verbinden"})
    gift(builder, shy, "Fietsen repareren")
    open_one = resident(collective, "Open")
    gift(builder, open_one, "Fiets lenen")
    member = access_for(mia, collective)
    assert titles(search(collective=collective, text="fiets", viewer_access=member)) == [
        "Fiets lenen"
    ]
    assert len(search(collective=collective, text="fiets", viewer_access=builder)) == 2


def test_same_buurt_first_then_same_wijk(builder, collective, neighbourhood):
    same_wijk = factories.NeighbourhoodFactory(district=neighbourhood.district)
    elsewhere = factories.NeighbourhoodFactory()
    for name, place in [("Ver", elsewhere), ("Wijk", same_wijk), ("Buurt", neighbourhood)]:
        gift(builder, resident(collective, name, neighbourhood=place), "Fietsen repareren")
    matches = search(collective=collective, text="fiets", neighbourhood=neighbourhood)
    assert [m.asset.resident.name for m in matches] == ["Buurt", "Wijk", "Ver"]
    assert "woont in dezelfde wijk" in matches[1].reasons
    by_id = search(collective=collective, text="fiets", neighbourhood=neighbourhood.pk)
    assert [m.asset.pk for m in by_id] == [m.asset.pk for m in matches]


def test_available_now_before_sometimes_before_not_now(builder, collective):
    for name, availability in [
        ("Niet", Availability.NOT_NOW),
        ("Soms", Availability.SOMETIMES),
        ("Vragen", Availability.ON_REQUEST),
        ("Nu", Availability.NOW),
    ]:
        gift(builder, resident(collective, name), "Fietsen repareren", availability)
    matches = search(collective=collective, text="fiets")
    assert [m.asset.resident.name for m in matches] == ["Nu", "Soms", "Vragen", "Niet"]
    assert matches[0].score > matches[-1].score


def test_categories_and_limit(builder, collective):
    gift(builder, resident(collective, "Henk"), "Fietsen repareren")
    asset_services.create_asset(
        access=builder, asset=Asset(category=Category.ECONOMY, title="Fietsenwinkel De Spaak")
    )
    assert len(search(collective=collective, text="fiets")) == 2
    assert titles(search(collective=collective, text="fiets", categories=["economy"])) == [
        "Fietsenwinkel De Spaak"
    ]
    assert len(search(collective=collective, text="fiets", limit=1)) == 1


def test_empty_or_meaningless_questions_find_nothing(builder, collective):
    gift(builder, resident(collective, "Henk"), "Fietsen repareren")
    assert search(collective=collective, text="") == []
    assert search(collective=collective, text="wie kan mij helpen?") == []
    assert search(collective=collective, text='"fiets" OR * -(') != []


def test_word_forms_the_stemmer_leaves_apart_meet(builder, collective):
    gift(builder, resident(collective, "Lotte"), "Laat honden uit als het baasje ziek is")
    gift(builder, resident(collective, "Joop"), "Timmert meubels van sloophout")
    assert titles(search(collective=collective, text="honden uitlaten")) == [
        "Laat honden uit als het baasje ziek is"
    ]
    assert titles(search(collective=collective, text="timmerman gezocht")) == [
        "Timmert meubels van sloophout"
    ]


def test_a_gift_shorter_than_the_average_is_not_lifted_for_being_short(builder, collective):
    """BM25 weighs a word in a short document more; a gift of one word ("Brieven") would then
    bury one that says more about it. Below the collective's average length both count alike."""
    for n in range(3):
        gift(
            builder,
            resident(collective, f"Kok {n}"),
            "Kookt graag Surinaams, roti en soep voor grote groepen op zaterdag",
        )
    gift(builder, resident(collective, "Ans"), "Brieven")
    gift(builder, resident(collective, "Bert"), "Brieven van instanties")
    scores = {m.asset.title: m.score for m in search(collective=collective, text="brief")}
    assert scores["Brieven"] == scores["Brieven van instanties"]


def test_a_compound_whose_parts_a_gift_says_apart_counts_both_parts(builder, collective):
    gift(builder, resident(collective, "Henk"), "Repareert fietsen en brommers")
    gift(builder, resident(collective, "Klaas"), "Reparatie van horloges")
    gift(builder, resident(collective, "Mia"), "Fietsen")
    matches = search(collective=collective, text="fietsreparatie")
    assert titles(matches)[0] == "Repareert fietsen en brommers"
    # Both parts count, as two words of the need would: more than one part alone.
    assert matches[0].score > 1.5 * max(m.score for m in matches[1:])
    assert "‘fiets’ lijkt op ‘fietsen’" in matches[0].reasons
    assert "‘reparatie’ lijkt op ‘repareert’" in matches[0].reasons


def test_a_word_is_not_found_in_a_word_that_only_looks_made_of_it(builder, collective):
    gift(builder, resident(collective, "Bas"), "Jongleren met ballen")
    gift(builder, resident(collective, "Ria"), "Breien en haken", description="Ik leer het u ook.")
    gift(builder, resident(collective, "Kees"), "Gewoon een luisterend oor")
    gift(builder, resident(collective, "Anna"), "Woon al jaren in de wijk, ken iedereen")
    # leren is no part of jongleren: the gift that says "leer" answers, and it alone.
    assert titles(search_for(collective, "ik wil leren hoe ik een sjaal maak")) == [
        "Breien en haken"
    ]
    # gewoon is no form of wonen.
    found = titles(search_for(collective, "sinds ze alleen woont"))
    assert "Gewoon een luisterend oor" not in found
    assert "Woon al jaren in de wijk, ken iedereen" in found

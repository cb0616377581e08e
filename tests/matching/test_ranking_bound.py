"""The search weighs only the candidates that can still reach its results (``_ranked`` in
kring/matching/selectors.py): it must show exactly what weighing every candidate shows. Compared
over the needs of the four labelled sets and random needs, with places and availabilities that
boost, a viewer for whom some top assets are hidden (so the results need the candidates left
out), and smaller limits; and the comparison must notice a bound that is too low."""

import random

import pytest

from bench import relevance
from kring.assets.models import Asset, Availability
from kring.communities.access import collective_access
from kring.communities.models import Role
from kring.core.choices import Visibility
from kring.initiatives.selectors import HELPER_CATEGORIES
from kring.matching import search, selectors
from kring.matching.services import rebuild_search_index
from kring.people.models import ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db


def _spread(collective, buurten, rng: random.Random) -> None:
    """Each asset a buurt (or none) and an availability, so that place and availability boost
    differently; the index made again."""
    assets = list(Asset.objects.filter(collective=collective))
    for asset in assets:
        asset.neighbourhood = rng.choice([None, *buurten])
        if asset.category == "gift":
            asset.availability = rng.choice(Availability.values)
    Asset.objects.bulk_update(assets, ["neighbourhood", "availability"])
    rebuild_search_index(collective=collective)


def _hide_some(collective, rng: random.Random) -> None:
    """A third of the assets become for buurtmakers only behind the index's back (the index may
    be a moment behind): a member's search must then fill up from further down the list."""
    ids = list(Asset.objects.filter(collective=collective).values_list("pk", flat=True))
    hidden = rng.sample(ids, len(ids) // 3)
    Asset.objects.filter(pk__in=hidden).update(visibility=Visibility.BUILDERS)


def _random_needs(texts: list[str], rng: random.Random, n: int) -> list[str]:
    """Needs of one to five words drawn from the collective's own words (so they find
    something, common words included), some with a letter doubled (a typo to correct)."""
    words = sorted({w for t in texts for w in t.split() if w.isalpha()})
    needs = []
    for _ in range(n):
        chosen = rng.sample(words, rng.randint(1, 5))
        if rng.random() < 0.2:
            word = max(chosen, key=len)
            at = rng.randrange(1, len(word))
            chosen[chosen.index(word)] = word[:at] + word[at - 1] + word[at:]
        needs.append(" ".join(chosen))
    return needs


def _results(collective, needs, buurt, member) -> list:
    shown = []
    for n, text in enumerate(needs):
        for neighbourhood, viewer, limit, categories in (
            (None, None, 10, None),
            (buurt, None, 10, None),
            (buurt, member, 10, HELPER_CATEGORIES),
            (None, member, 3, None),
        ):
            matches = search(
                collective=collective,
                text=text,
                neighbourhood=neighbourhood,
                viewer_access=viewer,
                limit=limit,
                categories=categories,
            )
            shown.append((n, [(m.asset.pk, m.score, tuple(m.reasons), m.summary) for m in matches]))
    return shown


@pytest.fixture
def sets():
    """The four labelled sets' collectives, each with its needs and 100 random ones."""
    rng = random.Random(6)
    municipality = factories.MunicipalityFactory(code="GM9995", name="Grensstad")
    wijken = [factories.DistrictFactory(municipality=municipality) for _ in range(2)]
    buurten = [factories.NeighbourhoodFactory(district=wijken[n % 2]) for n in range(3)]
    made = []
    first, _labels = relevance.build_collective(distractors=150)
    first_texts = [need["text"] for need in relevance.load()["needs"]]
    made.append((first, first_texts, list(relevance.load()["gifts"].values())))
    for path in (relevance.SECOND, relevance.THIRD, relevance.FOURTH):
        collective, _labels = relevance.build_second_collective(distractors=150, path=path)
        data = relevance.load_second(path)
        titles = [a["title"] for a in data["assets"].values()] + data["distractors"]
        made.append((collective, [need["text"] for need in data["needs"]], titles))
    result = []
    for collective, texts, titles in made:
        _spread(collective, buurten, rng)
        _hide_some(collective, rng)
        user = factories.UserFactory()
        factories.MembershipFactory(user=user, collective=collective, role=Role.MEMBER)
        member = collective_access(user, collective.slug)
        needs = texts + _random_needs(titles + texts, rng, 100)
        result.append((collective, needs, buurten[0], member))
    return result


def test_the_results_are_the_same_as_when_every_candidate_is_weighed(sets, monkeypatch):
    weighed, left_out, rest_used = [0], [0], [0]
    score, ranked = selectors._score, selectors._ranked

    def counting_score(*args, **kwargs):
        weighed[0] += 1
        return score(*args, **kwargs)

    def counting_ranked(words, found, *args, **kwargs):
        before = weighed[0]
        texts, scored, rest = ranked(words, found, *args, **kwargs)
        left_out[0] += len(found) - (weighed[0] - before)
        if rest is None:
            return texts, scored, None

        def counting_rest():
            rest_used[0] += 1
            return rest()

        return texts, scored, counting_rest

    monkeypatch.setattr(selectors, "_score", counting_score)
    monkeypatch.setattr(selectors, "_ranked", counting_ranked)
    compared = 0
    for collective, needs, buurt, member in sets:
        monkeypatch.setattr(selectors, "SKIP_UNREACHABLE", False)
        every = _results(collective, needs, buurt, member)
        weighed_every = weighed[0]
        monkeypatch.setattr(selectors, "SKIP_UNREACHABLE", True)
        left_out[0] = 0
        bounded = _results(collective, needs, buurt, member)
        assert bounded == every
        compared += len(every)
        # The bound does leave candidates out, and the results sometimes need them.
        assert left_out[0] > 0
        assert weighed[0] - weighed_every < weighed_every
    assert rest_used[0] > 0
    assert compared > 1000


def test_a_bound_below_the_highest_score_changes_the_results(sets, monkeypatch):
    """The comparison above notices an unsafe bound: with the bound of a term at half of what
    a document can score, some results differ from weighing every candidate."""
    collective, needs, buurt, member = sets[1]
    monkeypatch.setattr(selectors, "SKIP_UNREACHABLE", False)
    every = _results(collective, needs, buurt, member)
    monkeypatch.setattr(selectors, "SKIP_UNREACHABLE", True)
    monkeypatch.setattr(selectors, "BOUND", 0.5)
    assert _results(collective, needs, buurt, member) != every


def test_assets_left_out_are_weighed_when_the_first_ones_may_not_be_shown(
    collective, mia, access_for, monkeypatch
):
    """The five gifts that answer both words are the first three; the gifts that only say
    "repareren" cannot reach them and are left out unweighed. When a member may not see the
    five (changed behind the index's back), the results come from those left out, in the
    same order as when every candidate is weighed."""
    titles = ["Fiets repareren"] * 5 + ["Repareren"] * 20 + ["Schaken met buren"] * 175
    gifts = []
    for title in titles:
        gift = factories.GiftFactory(
            collective=collective,
            title=title,
            visibility=Visibility.MEMBERS,
            availability=Availability.NOW,
        )
        for purpose in (ConsentPurpose.MATCHING, ConsentPurpose.MEMBERS):
            factories.ConsentFactory(resident=gift.resident, purpose=purpose)
        gifts.append(gift)
    rebuild_search_index(collective=collective)
    member = access_for(mia, collective)

    def shown():
        return [
            (m.asset.pk, m.score, tuple(m.reasons), m.summary)
            for m in search(
                collective=collective, text="fiets repareren", viewer_access=member, limit=3
            )
        ]

    monkeypatch.setattr(selectors, "SKIP_UNREACHABLE", True)
    first = shown()
    assert [pk for pk, *_rest in first] == [g.pk for g in gifts[:3]]
    ranked, left = selectors._ranked, []

    def watching(*args, **kwargs):
        texts, scored, rest = ranked(*args, **kwargs)
        left.append(rest is not None)
        return texts, scored, rest

    monkeypatch.setattr(selectors, "_ranked", watching)
    Asset.objects.filter(pk__in=[g.pk for g in gifts[:5]]).update(visibility=Visibility.BUILDERS)
    bounded = shown()
    assert left == [True]
    monkeypatch.setattr(selectors, "SKIP_UNREACHABLE", False)
    every = shown()
    assert bounded == every
    assert [pk for pk, *_rest in every] == [g.pk for g in gifts[5:8]]

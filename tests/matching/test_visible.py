"""The search reads its top assets with a query prepared once from visible_assets: it must show
exactly what visible_assets (plus the consent to matching) shows, for every kind of viewer."""

import itertools
import logging

import pytest
from django.utils import timezone

from kring.assets.models import Asset, Availability, Category
from kring.assets.selectors import visible_assets
from kring.core.choices import Visibility
from kring.matching import search, visible
from kring.people.models import Consent, ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_preparations():
    # Each test prepares its own queries (and a refused shape does not stay refused).
    visible._local.cache = {}
    yield
    visible._local.cache = {}


@pytest.fixture
def every_kind(collective, other_collective, neighbourhood):
    """Gifts of residents with every combination of consents and visibilities, a non-gift of
    every visibility, and the same in another collective."""
    purposes = [ConsentPurpose.MATCHING, ConsentPurpose.MEMBERS]
    ids = []
    for place in (collective, other_collective):
        for n, visibility in enumerate(Visibility.values):
            ids.append(
                factories.AssetFactory(
                    collective=place, category=Category.PLACE, visibility=visibility
                ).pk
            )
            if visibility == Visibility.PUBLIC:
                continue  # a gift is never public
            for given in itertools.chain.from_iterable(
                itertools.combinations(purposes, k) for k in range(3)
            ):
                person = factories.ResidentFactory(
                    collective=place, neighbourhood=neighbourhood if n else None
                )
                for purpose in given:
                    factories.ConsentFactory(resident=person, purpose=purpose)
                ids.append(
                    factories.GiftFactory(
                        collective=place,
                        resident=person,
                        visibility=visibility,
                        availability=Availability.NOW,
                        neighbourhood=neighbourhood if n else None,
                    ).pk
                )
    # A withdrawn consent counts as none.
    withdrawn = factories.ResidentFactory(collective=collective)
    factories.ConsentFactory(
        resident=withdrawn, purpose=ConsentPurpose.MATCHING, withdrawn_at=timezone.now()
    )
    ids.append(factories.GiftFactory(collective=collective, resident=withdrawn).pk)
    return ids


def _fields(asset):
    resident = asset.resident
    return (
        {f.attname: getattr(asset, f.attname) for f in Asset._meta.concrete_fields},
        resident and (resident.pk, resident.name, resident.neighbourhood_id),
        asset.neighbourhood and (asset.neighbourhood.pk, asset.neighbourhood.name),
        asset.collective.pk,
    )


def _viewers(collective, alice, mia, access_for):
    return {
        "no viewer": None,
        "buurtmaker": access_for(alice, collective),
        "lid": access_for(mia, collective),
    }


def test_the_prepared_read_shows_what_the_orm_shows(
    collective, every_kind, alice, mia, access_for, django_assert_num_queries
):
    for name, viewer in _viewers(collective, alice, mia, access_for).items():
        expected = visible.queryset(collective, viewer).in_bulk(every_kind)
        # By hand, the rule: visible to this viewer, and a gift only with consent to matching.
        allowed = visible_assets(viewer) if viewer else Asset.objects.filter(collective=collective)
        by_hand = {
            a.pk
            for a in allowed.filter(pk__in=every_kind)
            if a.resident_id is None
            or Consent.objects.filter(
                resident=a.resident_id, purpose=ConsentPurpose.MATCHING, withdrawn_at__isnull=True
            ).exists()
        }
        assert set(expected) == by_hand, name
        assert expected, name
        for size in (1, 3, len(every_kind)):
            chunk = every_kind[:size]
            visible.read(collective, viewer, chunk)  # prepares and checks against the ORM
            with django_assert_num_queries(1):
                found = visible.read(collective, viewer, chunk)
            assert sorted(found) == sorted(a for a in expected if a in chunk), (name, size)
            for pk, asset in found.items():
                assert _fields(asset) == _fields(expected[pk]), (name, pk)
                assert asset._state.db == expected[pk]._state.db
            # The prepared query was used, not refused.
            kind = {"no viewer": None, "buurtmaker": "builder", "lid": "member"}[name]
            prepared = visible._local.cache[("default", visible.connection.vendor, kind, size)]
            assert prepared is not visible._REFUSED and prepared.checked


def test_a_withdrawal_counts_at_once_on_the_prepared_path(collective, alice, mia, access_for):
    person = factories.ResidentFactory(collective=collective)
    matching = factories.ConsentFactory(resident=person, purpose=ConsentPurpose.MATCHING)
    factories.ConsentFactory(resident=person, purpose=ConsentPurpose.MEMBERS)
    gift = factories.GiftFactory(collective=collective, resident=person, visibility="leden")
    for viewer in _viewers(collective, alice, mia, access_for).values():
        assert list(visible.read(collective, viewer, [gift.pk])) == [gift.pk]
        assert list(visible.read(collective, viewer, [gift.pk])) == [gift.pk]
        assert list(visible.read(collective, viewer, [gift.pk, gift.pk])) == [gift.pk]
    matching.withdrawn_at = timezone.now()
    matching.save()
    for viewer in _viewers(collective, alice, mia, access_for).values():
        assert visible.read(collective, viewer, [gift.pk]) == {}


def test_a_rule_that_reads_more_of_the_access_is_never_prepared(
    collective, every_kind, mia, access_for, monkeypatch, caplog
):
    """If visible_assets came to depend on more than the collective and the role, the stand-in
    cannot make its query: every read goes through the ORM, with the real viewer."""
    seen = []

    def stricter(access):
        seen.append(access.user)  # the stand-in has no user
        return visible_assets(access).exclude(title__startswith="x")

    monkeypatch.setattr(visible, "visible_assets", stricter)
    member = access_for(mia, collective)
    with caplog.at_level(logging.WARNING, logger="kring.matching.visible"):
        found = visible.read(collective, member, every_kind)
    assert "could not be prepared" in caplog.text
    assert set(found) == set(visible.queryset(collective, member).in_bulk(every_kind))
    assert found and mia in seen


def test_a_rule_that_depends_on_the_collective_itself_is_caught(
    collective, every_kind, alice, access_for, monkeypatch, caplog
):
    """A query that differs from the stand-in's beyond the parameters is refused at its first
    real use."""

    def odd(access):
        assets = visible_assets(access)
        return assets if isinstance(access.collective, int) else assets.filter(title__gt="")

    monkeypatch.setattr(visible, "visible_assets", odd)
    builder = access_for(alice, collective)
    with caplog.at_level(logging.WARNING, logger="kring.matching.visible"):
        visible.read(collective, builder, every_kind[:2])
    assert "differs" in caplog.text
    assert visible._local.cache[("default", visible.connection.vendor, "builder", 2)] is (
        visible._REFUSED
    )


def test_search_results_are_what_the_member_may_see(collective, alice, mia, access_for):
    builder = access_for(alice, collective)
    hidden = factories.ResidentFactory(collective=collective)
    factories.ConsentFactory(resident=hidden, purpose=ConsentPurpose.MATCHING)
    shown = factories.ResidentFactory(collective=collective)
    for purpose in (ConsentPurpose.MATCHING, ConsentPurpose.MEMBERS):
        factories.ConsentFactory(resident=shown, purpose=purpose)
    from kring.assets import services

    for person in (hidden, shown):
        services.create_asset(
            access=builder,
            asset=Asset(
                category=Category.GIFT,
                resident=person,
                title="Fietsen repareren",
                gift_kind="handen",
            ),
        )
    member = access_for(mia, collective)
    for _ in range(2):  # preparing, then prepared
        assert [
            m.asset.resident_id
            for m in search(collective=collective, text="fiets", viewer_access=member)
        ] == [shown.pk]
        assert len(search(collective=collective, text="fiets", viewer_access=builder)) == 2

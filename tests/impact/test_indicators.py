"""The counting queries: several indicators of the same records come from one query; each must
count what it says."""

import datetime

from kring.impact.indicators import base_cells
from kring.impact.models import ShareGroup
from kring.initiatives.models import Connection

from .. import factories

YEAR = 2025


def test_connections_gifts_put_to_use_and_ties_between_buurten(municipality):
    district = factories.DistrictFactory(municipality=municipality, code="WK059901")
    north, south = (
        factories.NeighbourhoodFactory(district=district, code=f"BU05990{n}") for n in (1, 2)
    )
    collective = factories.CollectiveFactory(municipality=municipality)
    a, b = (factories.ResidentFactory(collective=collective, neighbourhood=north) for _ in "ab")
    c = factories.ResidentFactory(collective=collective, neighbourhood=south)
    nowhere = factories.ResidentFactory(collective=collective, neighbourhood=None)
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=south)
    need = factories.NeedFactory(initiative=initiative)
    march, july = datetime.date(YEAR, 3, 5), datetime.date(YEAR, 7, 9)
    ties = [
        (a, b, None, march),  # same buurt
        (a, c, None, march),  # a and c met last year already: not a new tie
        (c, a, need, march),  # the same two again (either way round), now for a need
        (b, c, None, march),  # new, between buurten, under the first resident's buurt
        (a, nowhere, None, july),  # one end without a buurt: not between buurten
        (None, a, need, july),  # the initiative's side: its buurt, for a need
        (a, b, None, july),  # a and b meet again: not new
    ]
    Connection.objects.bulk_create(
        Connection(
            collective=collective,
            resident=one,
            initiative=initiative if one is None else None,
            other_resident=other,
            need=for_need,
            kind="voorgesteld",
            happened_on=day,
        )
        for one, other, for_need, day in ties
    )
    Connection.objects.create(  # another year
        collective=collective,
        resident=a,
        other_resident=c,
        kind="voorgesteld",
        happened_on=datetime.date(YEAR - 1, 3, 5),
    )
    cells = base_cells(collective_ids={ShareGroup.CONNECTIONS: [collective.pk]}, year=YEAR)
    k = collective.pk
    # New connections: two who are tied for the first time (a-b and b-c in March; a-nowhere
    # and the initiative-a in July); meeting again does not count as a new connection.
    assert cells["connections"] == {
        (k, north.pk, 3): 2.0,
        (k, north.pk, 7): 1.0,
        (k, south.pk, 7): 1.0,
    }
    # A gift put to use counts every time.
    assert cells["gifts_used"] == {(k, south.pk, 3): 1.0, (k, south.pk, 7): 1.0}
    assert cells["reach"] == {(k, north.pk, 3): 1.0}


def test_first_connections_count_a_resident_once_in_the_month_of_the_first_tie(municipality):
    district = factories.DistrictFactory(municipality=municipality, code="WK059903")
    buurt = factories.NeighbourhoodFactory(district=district, code="BU05990301")
    collective = factories.CollectiveFactory(municipality=municipality)
    old, new, other = (
        factories.ResidentFactory(collective=collective, neighbourhood=buurt) for _ in "abc"
    )
    ties = [
        (old, other, datetime.date(YEAR - 1, 11, 2)),  # old and other: first tie last year
        (old, new, datetime.date(YEAR, 3, 4)),  # new: first tie in March
        (new, other, datetime.date(YEAR, 5, 6)),  # not a first for anyone
    ]
    Connection.objects.bulk_create(
        Connection(
            collective=collective, resident=a, other_resident=b, kind="voorgesteld", happened_on=d
        )
        for a, b, d in ties
    )
    cells = base_cells(collective_ids={ShareGroup.CONNECTIONS: [collective.pk]}, year=YEAR)
    assert cells["first_connections"] == {(collective.pk, buurt.pk, 3): 1.0}
    before = base_cells(collective_ids={ShareGroup.CONNECTIONS: [collective.pk]}, year=YEAR - 1)
    assert before["first_connections"] == {(collective.pk, buurt.pk, 11): 2.0}


def test_an_activity_for_two_opgaven_counts_once_in_each(municipality):
    from decimal import Decimal

    from kring.initiatives.models import PublicTask

    collective = factories.CollectiveFactory(municipality=municipality)
    both = factories.InitiativeFactory(collective=collective)
    both.tasks.add(
        PublicTask.objects.get_or_create(name="zorg en welzijn")[0],
        PublicTask.objects.get_or_create(name="energietransitie")[0],
    )
    plain = factories.InitiativeFactory(collective=collective)
    for initiative in (both, plain):
        factories.ActivityFactory(
            collective=collective,
            initiative=initiative,
            date=datetime.date(YEAR, 4, 1),
            hours_given=Decimal("3"),
        )
    cells = base_cells(collective_ids={ShareGroup.ACTIVITIES: [collective.pk]}, year=YEAR)
    assert sum(cells["activities"].values()) == 2 and sum(cells["hours"].values()) == 6
    assert sum(cells["care_activities"].values()) == 1
    assert sum(cells["care_hours"].values()) == 3
    assert sum(cells["energy_activities"].values()) == 1

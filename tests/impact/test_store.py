"""The work kept between questions (``FigureStore``): counts per collective and suppression
patterns. Kept work must give exactly the figures that fresh work gives, and a change must
be counted at once, also when the cache is empty."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from kring.impact import suppression
from kring.impact.aggregates import municipality_figures
from kring.impact.models import FigureStore
from kring.people.models import Resident

from .. import factories
from .world import YEAR, make_world


@pytest.fixture
def exact(settings):
    settings.KRING_SUPPRESSION_ROUNDING = 1
    settings.KRING_SUPPRESSION_THRESHOLD = 10


def _counts_rows():
    return dict(
        FigureStore.objects.filter(kind=FigureStore.Kind.COUNTS)
        .order_by("pk")  # the newest row of a collective last
        .values_list("collective_id", "pk")
    )


def test_kept_work_gives_the_same_figures_as_fresh_work(municipality, official, exact):
    make_world(municipality)
    fresh = municipality_figures(user=official, year=YEAR)
    assert len(_counts_rows()) == 3
    assert FigureStore.objects.filter(kind=FigureStore.Kind.PATTERN).exists()
    hidden = [f for f in fresh.all() if not f.shown]
    assert hidden, "the world has small counts"
    cache.clear()
    kept = municipality_figures(user=official, year=YEAR)
    assert kept._cells == fresh._cells
    # And the same as when nothing at all is kept.
    cache.clear()
    FigureStore.objects.all().delete()
    assert municipality_figures(user=official, year=YEAR)._cells == fresh._cells


def test_a_new_record_counts_at_once_and_only_its_collective_is_counted_again(
    municipality, official, exact
):
    world = make_world(municipality)
    before = municipality_figures(user=official, year=YEAR)
    rows = _counts_rows()
    a, b, c = world["collectives"]
    buurt = world["buurten"][0]
    new = Resident.objects.bulk_create(
        Resident(collective=a, name=f"Nieuw {i}", neighbourhood=buurt) for i in range(20)
    )
    Resident.objects.filter(pk__in=[r.pk for r in new]).update(
        created_at=timezone.make_aware(datetime.datetime(YEAR, 6, 15, 12))
    )
    cache.clear()  # also when the cache is empty, the kept counts must not hide the change
    after = municipality_figures(user=official, year=YEAR)
    assert after.get("residents").value == before.get("residents").value + 20
    now = _counts_rows()
    assert now[b.pk] == rows[b.pk] and now[c.pk] == rows[c.pk]
    assert now[a.pk] != rows[a.pk]


def test_an_edit_of_a_record_without_change_time_is_counted_at_once(municipality, official, exact):
    world = make_world(municipality)
    collective = world["collectives"][1]
    initiative = factories.InitiativeFactory(collective=collective)
    activities = [
        factories.ActivityFactory(
            initiative=initiative, date=datetime.date(YEAR, 3, 1), hours_given=5
        )
        for _ in range(12)
    ]
    before = municipality_figures(user=official, year=YEAR)
    assert before.get("activities", f"C:{collective.pk}", 3).value == 12
    assert collective.pk in _counts_rows()
    for activity in activities:  # moved to April: rows and newest id stay the same
        activity.date = datetime.date(YEAR, 4, 1)
        activity.save()
    # Saving forgot the collective's counts.
    assert collective.pk not in _counts_rows()
    cache.clear()
    after = municipality_figures(user=official, year=YEAR)
    march = after.get("activities", f"C:{collective.pk}", 3)
    april = after.get("activities", f"C:{collective.pk}", 4)
    assert (march.status, march.value) == (suppression.SHOWN, 0)
    assert (april.status, april.value) == (suppression.SHOWN, 12)


def test_a_need_saved_forgets_the_counts_of_its_initiatives_collective(
    municipality, official, exact
):
    world = make_world(municipality)
    collective = world["collectives"][2]
    need = factories.NeedFactory(initiative=factories.InitiativeFactory(collective=collective))
    municipality_figures(user=official, year=YEAR)
    assert collective.pk in _counts_rows()
    need.question = "zelf"
    need.save()
    assert collective.pk not in _counts_rows()
    assert len(_counts_rows()) == 2


def test_a_year_and_the_year_before_are_both_kept(municipality, official, exact, monkeypatch):
    """The dashboard and the report ask for a year and the one before: keeping one year must
    not throw away the other."""
    from kring.impact import aggregates

    make_world(municipality)
    this_year = municipality_figures(user=official, year=YEAR)
    last_year = municipality_figures(user=official, year=YEAR - 1)
    cache.clear()

    def refuse(**kwargs):
        raise AssertionError("counted again although kept")

    monkeypatch.setattr(aggregates, "base_cells", refuse)
    assert municipality_figures(user=official, year=YEAR)._cells == this_year._cells
    assert municipality_figures(user=official, year=YEAR - 1)._cells == last_year._cells

"""kring.core.related: a list's related rows read by subqueries give what select_related gives."""

import datetime

import pytest
from django.db import connection as db
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kring.core.related import with_related
from kring.initiatives import selectors as initiative_selectors
from kring.initiatives.models import Connection, ConnectionKind, Outcome
from kring.initiatives.selectors.connections import LOG_RELATED
from kring.notices.models import FollowUp, FollowUpChannel
from kring.notices.selectors import followup_section, open_followups
from kring.people.models import Resident
from kring.people.selectors import list_rows, resident_list
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def connections(collective, neighbourhood, alice):
    """Connections with every kind of side: two residents, a resident and an asset, an
    initiative and an asset, an erased resident, with and without a need and a recorder."""
    people = [
        factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood, name=name)
        for name in ("Fatima Yilmaz", "Henk de Vries", "Samira Amrani")
    ]
    gone = factories.ResidentFactory(collective=collective, name="Weg Gewist")
    Resident.objects.filter(pk=gone.pk).update(erased_at=timezone.now())
    place = factories.AssetFactory(collective=collective, title="Buurthuis <De Poort>")
    initiative = factories.InitiativeFactory(collective=collective, title="Fietsenwerkplaats")
    need = factories.NeedFactory(initiative=initiative, text="Iemand die kan lassen")
    today = timezone.localdate()
    sides = [
        {"resident": people[0], "other_resident": people[1], "recorded_by": alice},
        {"resident": people[1], "asset": place, "need": need, "initiative": initiative},
        {"initiative": initiative, "asset": place, "outcome": Outcome.YES},
        {"resident": gone, "other_resident": people[2], "recorded_by": alice},
        {"resident": people[2], "other_resident": gone},
        {"initiative": initiative, "other_resident": people[0], "need": need},
        {"resident": people[0], "asset": place},
    ]
    made = []
    for days, side in enumerate(sides):
        made.append(
            Connection.objects.create(
                collective=collective,
                kind=ConnectionKind.INTRODUCED,
                happened_on=today - datetime.timedelta(days=20 + days),
                **side,
            )
        )
    return made


# The connections log's related rows and their columns, as the log reads them.
COLUMNS = LOG_RELATED
RELATED = tuple(COLUMNS)


def seen(rows):
    """What a page can show of each connection and its related rows."""
    out = []
    for row in rows:
        related = {}
        for name in RELATED:
            other = getattr(row, name)
            related[name] = (
                None
                if other is None
                else (
                    other.pk,
                    *(getattr(other, column) for column in COLUMNS[name]),
                )
            )
        out.append((row.pk, row.kind, row.happened_on, row.outcome, related))
    return out


def test_the_related_rows_are_those_select_related_gives(connections, collective):
    base = Connection.objects.filter(collective=collective).order_by("-happened_on", "-id")
    joined = list(base.select_related(*RELATED))
    with CaptureQueriesContext(db) as queries:
        rows = list(with_related(base, COLUMNS))
        shown = seen(rows)
    assert len(queries) == 1  # the related rows come with the connections
    assert " JOIN " not in queries[0]["sql"]
    assert shown == seen(joined)
    assert [str(row) for row in rows] == [str(row) for row in joined]
    # Only the columns asked for are read; the others are deferred, as with only().
    assert rows[0].resident.get_deferred_fields() >= {"email", "phone", "address"}
    # A slice (a page) and a count work as on any queryset.
    assert seen(with_related(base, COLUMNS)[2:4]) == seen(joined[2:4])
    assert with_related(base, COLUMNS).count() == len(connections)


def test_the_log_rows_show_what_they_showed(connections, collective, access_for, alice):
    access = access_for(alice, collective)
    log = initiative_selectors.connection_log(access)
    template = get_template("initiatives/_connections.html")

    def page(rows):
        from django.core.paginator import Paginator  # why: the view's paginator, as it is used

        return template.render(
            {
                "page": Paginator(rows, 30).get_page(1),
                "outcomes": initiative_selectors.outcome_counts(log),
                "collective": collective,
            }
        )

    old = page(log.select_related(*RELATED))
    assert page(initiative_selectors.log_rows(log)) == old
    assert "een oud-bewoner" in old and "Buurthuis &lt;De Poort&gt;" in old


@pytest.mark.parametrize("asked", [3, 5, 7])
def test_the_overview_to_do_list_is_the_same(connections, collective, access_for, alice, asked):
    """Fewer than five open follow-ups count themselves; five or more are counted (the third
    connection is answered: it is not open)."""
    for made in connections[:asked]:
        FollowUp.objects.create(
            connection=made, channel=FollowUpChannel.BUILDER, asked_at=timezone.now()
        )
    access = access_for(alice, collective)
    before = open_followups(access)
    expected = get_template("notices/_followup_section.html").render(
        {
            "section": {
                "followups": list(before[:5]),
                "count": before.count(),
                "collective": collective,
            }
        }
    )
    section = followup_section(access)
    assert get_template(section.template).render({"section": section.context}) == expected
    assert f"{asked - 1} verbinding" in expected


def test_the_residents_list_rows_are_the_same(collective, neighbourhood, access_for, alice):
    for name in ("Bert", "Anna", "Cor"):
        factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood, name=name)
    factories.ResidentFactory(collective=collective, neighbourhood=None, name="Dirk")
    residents = resident_list(access_for(alice, collective))
    old = [(r.pk, r.name, r.neighbourhood and r.neighbourhood.name) for r in residents]
    new = [(r.pk, r.name, r.neighbourhood and r.neighbourhood.name) for r in list_rows(residents)]
    assert new == old
    assert [name for _pk, _name, name in new].count(None) == 1

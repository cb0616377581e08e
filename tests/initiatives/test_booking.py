"""A place is never booked twice: the service refuses and names the other activity, the form
keeps what was typed, and the database itself refuses (SQLite triggers, PostgreSQL exclusion)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from kring.initiatives import services
from kring.initiatives.models import Activity
from tests import factories


def _activity(initiative, place, start, end, title="Repair café"):
    return Activity(
        initiative=initiative,
        title=title,
        date=datetime.date(2026, 11, 28),
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        place=place,
    )


@pytest.mark.django_db
def test_an_overlapping_booking_is_refused_and_names_the_other(builder_access, initiative, place):
    first = services.save_activity(
        access=builder_access, activity=_activity(initiative, place, (10, 0), (12, 0))
    )
    with pytest.raises(services.DoubleBooking) as refused:
        services.save_activity(
            access=builder_access,
            activity=_activity(initiative, place, (11, 30), (13, 0), title="Taalcafé"),
        )
    assert refused.value.other == first
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_back_to_back_and_other_places_are_fine(builder_access, initiative, place, collective):
    services.save_activity(
        access=builder_access, activity=_activity(initiative, place, (10, 0), (12, 0))
    )
    services.save_activity(
        access=builder_access, activity=_activity(initiative, place, (12, 0), (14, 0))
    )
    other_place = factories.AssetFactory(collective=collective, category="place", title="Het Fort")
    services.save_activity(
        access=builder_access, activity=_activity(initiative, other_place, (10, 30), (11, 0))
    )
    services.save_activity(
        access=builder_access, activity=_activity(initiative, None, (10, 30), (11, 0))
    )
    assert Activity.objects.count() == 4


@pytest.mark.django_db
def test_moving_an_activity_onto_another_is_refused(builder_access, initiative, place):
    services.save_activity(
        access=builder_access, activity=_activity(initiative, place, (10, 0), (12, 0))
    )
    later = services.save_activity(
        access=builder_access, activity=_activity(initiative, place, (14, 0), (16, 0))
    )
    later.start_time = datetime.time(9, 0)
    with pytest.raises(services.DoubleBooking):
        services.save_activity(access=builder_access, activity=later)
    # Moving within its own slot is no conflict with itself.
    later.refresh_from_db()
    later.end_time = datetime.time(17, 0)
    services.save_activity(access=builder_access, activity=later)


@pytest.mark.django_db
def test_the_database_refuses_a_double_booking_that_skips_the_service(initiative, place):
    Activity.objects.create(
        collective=initiative.collective,
        initiative=initiative,
        title="Eerste",
        date=datetime.date(2026, 11, 28),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 0),
        place=place,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.create(
            collective=initiative.collective,
            initiative=initiative,
            title="Tweede",
            date=datetime.date(2026, 11, 28),
            start_time=datetime.time(11, 0),
            end_time=datetime.time(11, 30),
            place=place,
        )
    later = Activity.objects.create(
        collective=initiative.collective,
        initiative=initiative,
        title="Later",
        date=datetime.date(2026, 11, 28),
        start_time=datetime.time(12, 0),
        end_time=datetime.time(13, 0),
        place=place,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=later.pk).update(start_time=datetime.time(11, 59))


@pytest.mark.django_db
def test_the_form_keeps_what_was_typed_and_says_which_activity_holds_the_place(
    client, bob, initiative, place
):
    factories.ActivityFactory(
        initiative=initiative,
        title="Repair café",
        date=datetime.date(2026, 11, 28),
        start_time="10:00",
        end_time="12:00",
        place=place,
    )
    client.force_login(bob)
    response = client.post(
        f"/c/havenkwartier/initiatives/{initiative.pk}/activities/new/",
        {
            "title": "Taalcafé",
            "date": "2026-11-28",
            "start_time": "11:00",
            "end_time": "13:00",
            "place": place.pk,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Deze plek is dan al bezet door “Repair café”" in body
    assert "10:00 tot 12:00" in body
    assert 'value="Taalcafé"' in body
    assert 'value="11:00"' in body
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_a_place_of_another_collective_cannot_be_booked(client, bob, initiative, other_collective):
    elsewhere = factories.AssetFactory(collective=other_collective, category="place")
    client.force_login(bob)
    response = client.post(
        f"/c/havenkwartier/initiatives/{initiative.pk}/activities/new/",
        {
            "title": "Taalcafé",
            "date": "2026-11-28",
            "start_time": "11:00",
            "end_time": "13:00",
            "place": elsewhere.pk,
        },
    )
    assert response.status_code == 400
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_booked_place_stays_but_its_whole_collective_can_go(builder_access, initiative, place):
    """A place with an activity is not deleted on its own (the activity would lose where it
    was); deleting the whole collective takes places and activities together."""
    from django.db.models import RestrictedError

    from kring.communities.models import Collective

    services.save_activity(
        access=builder_access, activity=_activity(initiative, place, (10, 0), (12, 0))
    )
    with pytest.raises(RestrictedError), transaction.atomic():
        place.delete()
    collective = place.collective
    collective.delete()
    assert not Collective.objects.filter(pk=collective.pk).exists()
    assert not Activity.objects.filter(initiative=initiative).exists()

"""Repeating activities: the rule's dates (weekly, every other week, monthly on the n-th
weekday), skipped and moved occurrences, changing the whole series, double bookings over every
date of a series, and no access from another collective."""

import datetime

import pytest
from django.utils import timezone

from kring.initiatives import recurrence, services
from kring.initiatives.models import Activity, ActivitySeries, SkippedDate
from tests import factories

BASE = "/c/havenkwartier"
D = datetime.date


def _first(weekday: int, after_days: int = 30) -> datetime.date:
    """A date of the given weekday (0 = Monday) at least ``after_days`` from today."""
    day = timezone.localdate() + datetime.timedelta(days=after_days)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _series(initiative, place=None, **rule) -> ActivitySeries:
    values = {
        "title": "Repair café",
        "repeat": "week",
        "starts_on": _first(1),
        "count": 5,
        "start_time": datetime.time(19, 0),
        "end_time": datetime.time(21, 0),
    }
    values.update(rule)
    return ActivitySeries(initiative=initiative, place=place, **values)


def _dates(series) -> list[datetime.date]:
    return list(series.occurrences.order_by("date").values_list("date", flat=True))


def test_monthly_on_the_nth_weekday():
    # 8 December 2026 is the 2nd Tuesday: "elke 2e dinsdag".
    dates = recurrence.occurrence_dates(repeat="maand", starts_on=D(2026, 12, 8), count=4)
    assert dates == [D(2026, 12, 8), D(2027, 1, 12), D(2027, 2, 9), D(2027, 3, 9)]
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)
    # A fifth weekday becomes "the last" one, which every month has.
    last = recurrence.occurrence_dates(
        repeat="maand", starts_on=D(2026, 12, 29), ends_on=D(2027, 3, 31)
    )
    assert last == [D(2026, 12, 29), D(2027, 1, 26), D(2027, 2, 23), D(2027, 3, 30)]
    assert recurrence.nth_weekday_of(D(2026, 12, 29)) == -1


def test_every_other_week_with_an_end_date_that_is_included():
    dates = recurrence.occurrence_dates(
        repeat="twee_weken", starts_on=D(2026, 12, 7), ends_on=D(2027, 1, 18)
    )
    assert dates == [D(2026, 12, 7), D(2026, 12, 21), D(2027, 1, 4), D(2027, 1, 18)]


def test_a_skipped_date_counts_towards_the_count():
    dates = recurrence.occurrence_dates(
        repeat="week", starts_on=D(2026, 12, 1), count=4, skipped=[D(2026, 12, 15)]
    )
    assert dates == [D(2026, 12, 1), D(2026, 12, 8), D(2026, 12, 22)]


@pytest.mark.django_db
def test_the_rule_in_words(initiative):
    series = _series(initiative, repeat="maand", starts_on=D(2026, 12, 8), count=3, nth=2)
    assert recurrence.describe(series) == "elke 2e dinsdag van de maand, 3 keer"
    series = _series(
        initiative, repeat="twee_weken", starts_on=D(2026, 12, 8), count=None, ends_on=D(2027, 6, 1)
    )
    assert recurrence.describe(series) == "om de week op dinsdag, tot en met 1 juni 2027"


@pytest.mark.django_db
def test_a_series_makes_one_activity_per_date_without_the_skipped_ones(
    builder_access, initiative, place
):
    start = _first(1)
    skipped = start + datetime.timedelta(weeks=2)
    result = services.save_series(
        access=builder_access, series=_series(initiative, place), skipped=[skipped]
    )
    series = result.series
    assert result.created == 4
    assert _dates(series) == [start + datetime.timedelta(weeks=n) for n in (0, 1, 3, 4)]
    assert list(series.skipped_dates.values_list("date", flat=True)) == [skipped]
    first = series.occurrences.get(date=start)
    assert (first.title, first.place, first.series_date) == ("Repair café", place, start)
    assert first.start_time == datetime.time(19, 0)


@pytest.mark.django_db
def test_skipping_and_moving_one_occurrence_survive_a_change_of_the_series(
    builder_access, initiative, place
):
    series = services.save_series(access=builder_access, series=_series(initiative, place)).series
    second, third = series.occurrences.order_by("date")[1:3]
    services.delete_activity(access=builder_access, activity=second)
    third.date += datetime.timedelta(days=1)
    third.moved = True
    services.save_activity(access=builder_access, activity=third)

    series.start_time, series.end_time = datetime.time(18, 0), datetime.time(20, 0)
    series.count = 6
    services.save_series(access=builder_access, series=series, expected_version=series.version)

    assert SkippedDate.objects.filter(series=series, date=second.date).exists()
    assert not series.occurrences.filter(series_date=second.series_date).exists()
    third.refresh_from_db()
    assert third.start_time == datetime.time(19, 0)  # moved: left alone
    others = series.occurrences.exclude(pk=third.pk)
    assert others.count() == 4
    assert set(others.values_list("start_time", flat=True)) == {datetime.time(18, 0)}

    # The skipped date goes ahead after all.
    services.restore_date(access=builder_access, series=series, day=second.series_date)
    assert series.occurrences.filter(date=second.series_date).exists()


@pytest.mark.django_db
def test_a_series_is_refused_when_its_place_is_taken_on_any_date(builder_access, initiative, place):
    start = _first(1)
    clash = start + datetime.timedelta(weeks=3)
    other = factories.ActivityFactory(
        initiative=initiative,
        title="Taalcafé",
        date=clash,
        start_time="20:00",
        end_time="22:00",
        place=place,
    )
    with pytest.raises(services.SeriesDoubleBooking) as refused:
        services.save_series(access=builder_access, series=_series(initiative, place))
    assert refused.value.clashes == [(clash, other)]
    assert not ActivitySeries.objects.exists()
    assert Activity.objects.count() == 1
    # Skipping that date lets the rest go ahead.
    services.save_series(access=builder_access, series=_series(initiative, place), skipped=[clash])
    assert Activity.objects.filter(place=place, date=clash).count() == 1


@pytest.mark.django_db
def test_changing_a_series_onto_a_taken_slot_is_refused_and_changes_nothing(
    builder_access, initiative, place
):
    series = services.save_series(access=builder_access, series=_series(initiative, place)).series
    last = max(_dates(series))
    factories.ActivityFactory(
        initiative=initiative, date=last, start_time="16:00", end_time="18:30", place=place
    )
    series.start_time = datetime.time(17, 0)
    with pytest.raises(services.SeriesDoubleBooking) as refused:
        services.save_series(access=builder_access, series=series)
    assert [day for day, _other in refused.value.clashes] == [last]
    assert set(series.occurrences.values_list("start_time", flat=True)) == {datetime.time(19, 0)}


@pytest.mark.django_db
def test_the_form_names_the_clashing_date_and_keeps_what_was_typed(client, bob, initiative, place):
    start = _first(1)
    clash = start + datetime.timedelta(weeks=1)
    factories.ActivityFactory(
        initiative=initiative,
        title="Taalcafé",
        date=clash,
        start_time="18:00",
        end_time="19:30",
        place=place,
    )
    client.force_login(bob)
    response = client.post(
        f"{BASE}/initiatives/{initiative.pk}/activities/new/",
        {
            "title": "Repair café",
            "date": start.isoformat(),
            "start_time": "19:00",
            "end_time": "21:00",
            "place": place.pk,
            "repeat": "week",
            "count": "4",
            "public": "on",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    weekday_and_date = f"dinsdag {clash.day} "
    assert "Deze plek is al bezet op:" in body
    assert weekday_and_date in body and "“Taalcafé”, 18:00–19:30" in body
    assert 'value="Repair café"' in body and 'value="4"' in body
    assert not ActivitySeries.objects.exists()


@pytest.mark.django_db
def test_the_form_makes_a_series_with_a_skipped_date_and_checks_the_end(
    client, bob, initiative, place
):
    start = _first(5)  # a Saturday
    skip = start + datetime.timedelta(weeks=1)
    client.force_login(bob)
    url = f"{BASE}/initiatives/{initiative.pk}/activities/new/"
    data = {
        "title": "Repair café",
        "date": start.isoformat(),
        "start_time": "10:00",
        "end_time": "13:00",
        "place": place.pk,
        "repeat": "week",
        "public": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Tot wanneer?" in response.content.decode()
    response = client.post(url, {**data, "count": "3", "ends_on": start.isoformat()})
    assert "niet allebei" in response.content.decode()
    response = client.post(url, {**data, "count": "3", "skip_dates": "31-02-2027"})
    assert "kan Kring niet lezen" in response.content.decode()
    wrong = start + datetime.timedelta(days=1)
    response = client.post(url, {**data, "count": "3", "skip_dates": f"{wrong:%d-%m-%Y}"})
    assert "geen activiteit van deze reeks" in response.content.decode()
    response = client.post(url, {**data, "count": "500"})
    assert response.status_code == 400

    response = client.post(url, {**data, "count": "3", "skip_dates": f"{skip:%d-%m-%Y}"})
    series = ActivitySeries.objects.get()
    assert response.status_code == 302 and response.url == series.get_absolute_url()
    assert _dates(series) == [start, start + datetime.timedelta(weeks=2)]
    assert set(series.occurrences.values_list("public", flat=True)) == {True}
    page = client.get(series.get_absolute_url()).content.decode()
    assert "elke week op zaterdag, 3 keer" in page
    assert "Gaat niet door" in page


@pytest.mark.django_db
def test_editing_one_occurrence_marks_it_and_skipping_asks_first(
    client, bob, builder_access, initiative, place
):
    series = services.save_series(access=builder_access, series=_series(initiative, place)).series
    occurrence = series.occurrences.order_by("date").first()
    client.force_login(bob)
    edit = client.get(f"{BASE}/activities/{occurrence.pk}/edit/").content.decode()
    assert "Alleen deze keer aanpassen" in edit and "geldt alleen voor deze keer" in edit
    moved_to = occurrence.date + datetime.timedelta(days=1)
    response = client.post(
        f"{BASE}/activities/{occurrence.pk}/edit/",
        {
            "title": "Repair café",
            "date": moved_to.isoformat(),
            "start_time": "19:00",
            "end_time": "21:00",
            "place": place.pk,
            "version": occurrence.version,
        },
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.moved and occurrence.date == moved_to and not occurrence.public

    skip_page = client.get(f"{BASE}/activities/{occurrence.pk}/delete/").content.decode()
    assert "Alleen deze keer" in skip_page
    client.post(f"{BASE}/activities/{occurrence.pk}/delete/")
    assert SkippedDate.objects.filter(series=series, date=occurrence.series_date).exists()
    assert series.occurrences.count() == 4


@pytest.mark.django_db
def test_a_stale_series_edit_is_refused_and_keeps_what_was_typed(
    client, bob, builder_access, initiative, place
):
    series = services.save_series(access=builder_access, series=_series(initiative, place)).series
    stale = series.version
    series.title = "Repair café (nieuw)"
    services.save_series(access=builder_access, series=series, expected_version=stale)
    client.force_login(bob)
    response = client.post(
        f"{BASE}/series/{series.pk}/edit/",
        {
            "title": "Fietsenmaakdag",
            "repeat": "week",
            "starts_on": series.starts_on.isoformat(),
            "count": "5",
            "start_time": "19:00",
            "end_time": "21:00",
            "place": place.pk,
            "version": stale,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Iemand anders heeft dit ook aangepast" in body
    assert 'value="Fietsenmaakdag"' in body
    series.refresh_from_db()
    assert series.title == "Repair café (nieuw)"


@pytest.mark.django_db
def test_deleting_a_series_keeps_occurrences_with_attendance(builder_access, initiative, place):
    series = services.save_series(access=builder_access, series=_series(initiative, place)).series
    first = series.occurrences.order_by("date").first()
    resident = factories.ResidentFactory(collective=initiative.collective)
    services.record_attendance(
        access=builder_access, activity=first, attendees=[resident], hours_given=2
    )
    assert services.delete_series(access=builder_access, series=series) == 1
    assert list(Activity.objects.values_list("pk", flat=True)) == [first.pk]
    assert not ActivitySeries.objects.exists()


@pytest.mark.django_db
def test_another_collective_cannot_see_or_change_a_series(
    client, charlie, builder_access, access_for, other_collective, initiative, place
):
    series = services.save_series(access=builder_access, series=_series(initiative, place)).series
    client.force_login(charlie)
    for url in (
        f"{BASE}/series/{series.pk}/",
        f"{BASE}/series/{series.pk}/edit/",
        f"{BASE}/series/{series.pk}/delete/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert (
        client.post(f"{BASE}/series/{series.pk}/restore/", {"date": "2030-01-01"}).status_code
        == 404
    )
    # Its own slug does not reach alice's series either.
    own = f"/c/{other_collective.slug}/series/{series.pk}/"
    assert client.get(own).status_code == 404
    # And the service refuses an initiative of another collective.
    with pytest.raises(ValueError):
        services.save_series(
            access=access_for(charlie, other_collective), series=_series(initiative)
        )
    assert ActivitySeries.objects.count() == 1

"""A member collective's public agenda and its .ics feed: only activities put on it, never
residents, the place only when it is public, valid iCalendar (UIDs stable per occurrence,
times in UTC, escaped text, lines folded at 75 octets)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kring.communities.access import collective_access
from kring.initiatives import services
from kring.initiatives.models import ActivitySeries
from tests import factories

pytestmark = pytest.mark.django_db


def _first_tuesday_in_winter() -> datetime.date:
    """A Tuesday in the coming December or January, so 19:00 in Amsterdam is 18:00 UTC."""
    today = timezone.localdate()
    day = datetime.date(today.year, 12, 1)
    if day < today + datetime.timedelta(days=7):
        day = datetime.date(today.year + 1, 1, 5)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


@pytest.fixture
def agenda(public_collective, bob):
    access = collective_access(bob, public_collective.slug)
    initiative = factories.InitiativeFactory(collective=public_collective, title="Repair café")
    open_place = factories.AssetFactory(
        collective=public_collective,
        category="place",
        title="Buurthuis De Kade",
        visibility="openbaar",
    )
    private_place = factories.AssetFactory(
        collective=public_collective,
        category="place",
        title="Huiskamer van Quirina",
        visibility="buurtmakers",
    )
    start = _first_tuesday_in_winter()
    skipped = start + datetime.timedelta(weeks=1)
    series = services.save_series(
        access=access,
        series=ActivitySeries(
            initiative=initiative,
            title='Repair café; "alles, echt alles" \\ gratis',
            repeat="week",
            starts_on=start,
            count=4,
            start_time=datetime.time(19, 0),
            end_time=datetime.time(21, 0),
            place=open_place,
            public=True,
        ),
        skipped=[skipped],
    ).series
    # A public one-off at a place that is not public, and a meeting that is not public.
    factories.ActivityFactory(
        initiative=initiative,
        title="Buurtmaaltijd bij de buren " + "heel lang en gezellig " * 4,
        date=start + datetime.timedelta(days=2),
        place=private_place,
        public=True,
    )
    factories.ActivityFactory(
        initiative=initiative,
        title="Besloten bestuursoverleg",
        date=start + datetime.timedelta(days=3),
        public=False,
    )
    return {"series": series, "start": start, "skipped": skipped, "access": access}


def test_the_agenda_page_shows_only_what_is_public(client, public_collective, agenda):
    response = client.get(reverse("public:agenda", args=[public_collective.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Repair café; &quot;alles, echt alles&quot;") == 3
    assert "Buurthuis De Kade" in body
    assert "Buurtmaaltijd bij de buren" in body
    assert "Huiskamer van Quirina" not in body  # the place is not public
    assert "Besloten bestuursoverleg" not in body
    skipped_heading = f"{agenda['skipped'].day} {_month(agenda['skipped'])}"
    assert skipped_heading not in body
    assert reverse("public:agenda_ics", args=[public_collective.slug]) in body
    profile = client.get(reverse("public:member", args=[public_collective.slug]))
    assert reverse("public:agenda", args=[public_collective.slug]) in profile.content.decode()


def _month(day: datetime.date) -> str:
    return ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"][day.month - 1]  # fmt: skip


def test_no_agenda_without_a_public_profile(client, public_collective, agenda):
    public_collective.is_public = False
    public_collective.save()
    assert client.get(reverse("public:agenda", args=[public_collective.slug])).status_code == 404
    assert (
        client.get(reverse("public:agenda_ics", args=[public_collective.slug])).status_code == 404
    )


def test_the_feed_is_valid_icalendar(client, public_collective, agenda):
    response = client.get(reverse("public:agenda_ics", args=[public_collective.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "the long title was folded"
    # RFC 5545 escaping of TEXT: comma, semicolon and backslash; quotes stay.
    unfolded = raw.replace(b"\r\n ", b"")
    assert b'SUMMARY:Repair caf\xc3\xa9\\; "alles\\, echt alles" \\\\ gratis' in unfolded
    assert b"Besloten" not in raw and b"Quirina" not in raw

    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    # Three of the series (one skipped), the meal, and the fixture's "Open repair café".
    assert len(events) == 5
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 5
    start = agenda["start"]
    first = next(e for e in events if e.decoded("DTSTART").date() == start)
    assert first.decoded("DTSTART") == datetime.datetime(
        start.year, start.month, start.day, 18, 0, tzinfo=datetime.UTC
    )
    assert b"DTSTART:" + f"{start:%Y%m%d}T180000Z".encode() in raw
    assert str(first["LOCATION"]) == "Buurthuis De Kade"
    assert b"DTSTAMP:" in raw
    meal = next(e for e in events if "Buurtmaaltijd" in str(e["SUMMARY"]))
    assert "LOCATION" not in meal


def test_a_moved_occurrence_keeps_its_uid(client, public_collective, agenda):
    url = reverse("public:agenda_ics", args=[public_collective.slug])
    before = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    occurrence = agenda["series"].occurrences.order_by("date").first()
    uid = next(str(e["UID"]) for e in before if e.decoded("DTSTART").date() == occurrence.date)
    occurrence.date += datetime.timedelta(days=1)
    occurrence.moved = True
    services.save_activity(access=agenda["access"], activity=occurrence)
    after = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    moved = next(e for e in after if str(e["UID"]) == uid)
    assert moved.decoded("DTSTART").date() == occurrence.date
    assert int(moved["SEQUENCE"]) > int(next(e for e in before if str(e["UID"]) == uid)["SEQUENCE"])

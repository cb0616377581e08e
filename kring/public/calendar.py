"""Calendar files (.ics, RFC 5545) made with icalendar: one academy meeting, and a member
collective's public agenda as a feed. icalendar escapes text (commas, semicolons, backslashes,
new lines) and folds lines at 75 octets; times are written in UTC."""

import datetime as dt
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting

LOCAL = ZoneInfo(settings.TIME_ZONE)


def _calendar(prodid: str, **properties) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    for name, value in properties.items():
        calendar.add(name.replace("_", "-"), value)
    return calendar


def _uid(key: str) -> str:
    """Unique per installation: the key (stable per occurrence) and this site's host name."""
    return f"{key}@{urlparse(settings.SITE_URL).hostname or 'kring'}"


def meeting_ics(meeting: Meeting) -> bytes:
    calendar = _calendar("-//Kring//Buurtmakers Academie//NL")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@kring")
    event.add("dtstamp", meeting.starts_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    event.add("location", meeting.location)
    event.add("description", meeting.summary)
    event.add("url", f"{settings.SITE_URL}{meeting.get_absolute_url()}")
    calendar.add_component(event)
    return calendar.to_ical()


def _utc(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LOCAL).astimezone(dt.UTC)


def agenda_ics(member, occurrences) -> bytes:
    """The public agenda of ``member`` (a published collective) as one VEVENT per occurrence
    (``kring.initiatives.selectors.PublicOccurrence``): its UID stays the same when the
    occurrence is moved, and its SEQUENCE goes up with every change."""
    calendar = _calendar(
        "-//Kring//Openbare agenda//NL",
        x_wr_calname=member.name,
        x_wr_timezone=settings.TIME_ZONE,
    )
    page = f"{settings.SITE_URL}{reverse('public:agenda', args=[member.slug])}"
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for occurrence in occurrences:
        event = Event()
        event.add("uid", _uid(occurrence.key))
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(occurrence.date, occurrence.start_time))
        event.add("dtend", _utc(occurrence.date, occurrence.end_time))
        event.add("sequence", occurrence.version)
        event.add("summary", occurrence.title)
        if occurrence.place_name:
            event.add("location", occurrence.place_name)
        event.add("description", member.name)
        event.add("url", page)
        calendar.add_component(event)
    return calendar.to_ical()

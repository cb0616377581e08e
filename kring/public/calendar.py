"""Calendar files (.ics, RFC 5545) for academy meetings, made with icalendar."""

from django.conf import settings
from icalendar import Calendar, Event

from .models import Meeting


def meeting_ics(meeting: Meeting) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kring//Buurtmakers Academie//NL")
    calendar.add("version", "2.0")
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

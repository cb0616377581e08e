"""One collective's year with Kring, as a list of dated events: residents coming in through gift
conversations, assets mapped, initiatives started with needs under the three questions, helpers
found through "Wie kan helpen?" and connected, activities booked and attended, pledges made,
neighbours helping each other, the network computed now and then, and figures shared with the
gemeente. Every event calls the project's own services as the buurtmaker who did it; the builder
runs all events of all collectives in order of time, with the demo's clock on that moment.

``collective.CollectiveYear`` holds one collective's year: its plan (``planning``) and what each
event does (``acts``); ``moments`` dates the events. Import from here."""

from .collective import CollectiveYear
from .moments import Event, at, month_day

__all__ = ["CollectiveYear", "Event", "at", "month_day"]

"""What the three demo collectives did in their year with Kring: initiatives with needs under
the three questions, the activities that came of them, and the pledges of residents,
groups, institutions and shops. Fiction, like everything in the demo, and content (Dutch,
not translated).

Months count from the day the collective started with Kring (0 is its first month); the
demo's year runs to today. A need's last word says how far it got: "open" (nobody yet),
"gevonden" (a helper was found through "Wie kan helpen?" and connected) or "vervuld" (done).
A pledge's giver is "bewoner" (one resident), "bewoners" (many residents, each a pledge) or
the title of an asset of the collective (a group, an institution or a business).

Activities: ``every`` is "week", "month" (``nth`` weekday of the month; -1 the last) or
"once" (``months``: in which months); ``volunteers`` give the hours (volunteers × duration);
``attendees`` is how many come, drawn mostly from the same regulars.

Each collective's initiatives live in its own module, what they share in ``common``; here
``INITIATIVES`` by collective. Import from here.
"""

from . import fort_oudwijk, havenkwartier, lindenhof
from .common import LOCAL_FUND, MONTHS, NEIGHBOUR_HELP, START_MONTH

__all__ = ["INITIATIVES", "LOCAL_FUND", "MONTHS", "NEIGHBOUR_HELP", "START_MONTH"]

INITIATIVES = {
    "havenkwartier": havenkwartier.INITIATIVES,
    "fort-oudwijk": fort_oudwijk.INITIATIVES,
    "lindenhof": lindenhof.INITIATIVES,
}

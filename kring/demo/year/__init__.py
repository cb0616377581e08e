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

Each collective's initiatives live in its own module; this one holds what they share and
``INITIATIVES`` by collective. Import from here.
"""

from . import fort_oudwijk, havenkwartier, lindenhof

# Where the three collectives stand in time: Havenkwartier started first.
START_MONTH = {"havenkwartier": 0, "fort-oudwijk": 1, "lindenhof": 2}
# How many months the demo looks back: Kring has been in use for about fifteen months.
MONTHS = 15

# Residents help each other outside any initiative ("burenhulp"), noted by the buurtmaker.
NEIGHBOUR_HELP = [
    "hielp met boodschappen toen de buurvrouw ziek was",
    "repareerde de fiets van de buurjongen",
    "hielp met een brief van de gemeente",
    "ging mee naar de huisarts als tolk",
    "paste een middag op de kinderen",
    "hielp met verhuizen naar de benedenwoning",
    "hing gordijnen op voor een nieuwe buur",
    "bracht soep toen de buurman uit het ziekenhuis kwam",
    "stelde de smartphone in voor een oudere buur",
    "hielp de tuin winterklaar maken",
]

INITIATIVES = {
    "havenkwartier": havenkwartier.INITIATIVES,
    "fort-oudwijk": fort_oudwijk.INITIATIVES,
    "lindenhof": lindenhof.INITIATIVES,
}

# A local fund that each collective counts among its institutions (it supports resident
# initiatives with small amounts), added to each collective's assets.
LOCAL_FUND = {
    "category": "institution",
    "institution_type": "anders",
    "title": "Buurtfonds Kringstad",
    "description": "Lokaal fonds dat plannen van bewoners steunt met bedragen tot 5.000 euro; een aanvraag kan in één formulier.",
    "visibility": "openbaar",
    "tags": ["geld en papieren"],
}

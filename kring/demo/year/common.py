"""What the demo collectives' years share: where each stands in time, how many months the demo
looks back, the neighbour help buurtmakers note, and the local fund every collective counts
among its institutions. Fiction, and content (Dutch, not translated)."""

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

"""The demo's residents as a buurtmaker meets them: who they are, when they first came in, what
they allowed and which gifts they named. Only planned here; the builder records each one
through the people services on the day they came in."""

import datetime
import random

from django.utils.text import slugify

from kring.people.models import Resident

from . import data

# How many gifts a resident with consent names in a conversation: 1 to 4, mostly 2.
GIFT_COUNT_WEIGHTS = {1: 30, 2: 35, 3: 22, 4: 13}
AVAILABILITY_WEIGHTS = {"nu": 40, "soms": 35, "vragen": 15, "niet_nu": 10}
CONVERSATION_METHOD_WEIGHTS = {"persoonlijk": 65, "telefoon": 15, "papier": 20}
# Letters that slugify cannot reduce to ASCII on its own (it drops them), for e-mail addresses.
_ASCII = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "'": ""})


class PlannedResident:
    """One made-up resident with what the buurtmaker learned from them. ``resident`` is saved
    by the builder on ``day``; until then it has no number."""

    def __init__(self, resident, *, languages, day, builder, purposes, method, consent_how):
        self.resident = resident
        self.languages = languages
        self.day: datetime.date = day
        self.builder = builder
        self.purposes: list[str] = purposes
        self.conversation_method: str = method
        self.consent_method: str = consent_how
        self.gifts: list[tuple[str, str]] = []  # (kind, title)
        self.availability = "nu"

    def __repr__(self):
        return f"<PlannedResident {self.resident.name}>"

    def choose_gifts(self, rng) -> None:
        # Gifts only with consent for the inventory: no consent, no gifts.
        if "inventaris" not in self.purposes:
            return
        count = _weighted(rng, GIFT_COUNT_WEIGHTS)
        titles = []
        other_languages = [lang for lang in self.languages if lang != "Nederlands"]
        if other_languages and rng.random() < 0.55:
            language = rng.choice(other_languages)
            titles.append((data.LANGUAGE_GIFT.format(language=language), "hoofd"))
        if count > len(titles):
            titles += [
                (title, kind) for title, kind, _tag in rng.sample(data.GIFTS, count - len(titles))
            ]
        self.gifts = [(kind, title) for title, kind in titles]
        self.availability = _weighted(rng, AVAILABILITY_WEIGHTS)


def plan_residents(
    spec, *, count, collective, buurten, builders, rng, fake, first_day, today, linked_user
) -> list[PlannedResident]:
    """``count`` residents who come in between ``first_day`` and ``today``: many in the first
    months (the collective enters who it already knew), then a steady trickle from gift
    conversations. The member log-in's resident comes first."""
    used_emails: set[str] = set()
    span = (today - first_day).days
    people = []
    for index in range(count):
        offset = 0 if index == 0 else int(span * rng.random() ** 1.35)
        day = first_day + datetime.timedelta(days=min(offset, span - 1))
        people.append(
            _resident(
                spec, index, collective, buurten, builders, rng, fake, day, linked_user, used_emails
            )
        )
    for person in people:
        person.choose_gifts(rng)
    return sorted(people, key=lambda p: p.day)


def _resident(spec, index, collective, buurten, builders, rng, fake, day, linked_user, used_emails):
    languages = _weighted(rng, dict(spec["languages"]))
    if linked_user is not None and index == 0:
        # The demo 'lid' log-in belongs to a resident: a resident may log in.
        first, last = linked_user.name.split(" ", 1)
        languages = ("Nederlands", "Turks")
    else:
        first, last = _name(languages, rng, fake)
    email = ""
    if rng.random() < 0.85:
        local = slugify(f"{first} {last}".translate(_ASCII)).replace("-", ".")
        while local in used_emails:
            local += str(rng.randint(1, 9))
        used_emails.add(local)
        email = f"{local}@{rng.choice(['example.org', 'example.nl'])}"

    # Most residents agreed to the inventory; of those, many to connecting and to being seen
    # by members, some to stories and photos.
    purposes = []
    if index == 0 or rng.random() < 0.88:
        purposes.append("inventaris")
        for purpose, chance in (
            ("verbinden", 0.75),
            ("leden", 0.6),
            ("verhalen", 0.2),
            ("fotos", 0.18),
        ):
            if (index == 0 and purpose in ("leden", "verbinden")) or rng.random() < chance:
                purposes.append(purpose)
    elif rng.random() < 0.5:
        purposes.append("leden")

    method = _weighted(rng, CONVERSATION_METHOD_WEIGHTS) if "inventaris" in purposes else ""
    consent_how = {
        "papier": "papier",
        "telefoon": "mondeling",
        "persoonlijk": "digitaal" if rng.random() < 0.6 else "mondeling",
        "": "digitaal",
    }[method]
    resident = Resident(
        collective=collective,
        name=f"{first} {last}",
        email=email,
        phone=_phone(rng, fake),
        address=f"{rng.choice(spec['streets'])} {rng.randint(1, 180)}, Kringstad",
        neighbourhood=rng.choice(buurten),
        languages=", ".join(languages),
        user=linked_user if index == 0 else None,
        source="handmatig",
    )
    return PlannedResident(
        resident,
        languages=languages,
        day=day,
        builder=rng.choice(builders),
        purposes=purposes,
        method=method,
        consent_how=consent_how,
    )


def _name(languages, rng, fake) -> tuple[str, str]:
    first_language = languages[0]
    if first_language != "Nederlands":
        origin = first_language
    elif len(languages) > 1 and languages[1] not in ("Engels", "Duits") and rng.random() < 0.8:
        origin = languages[1]
    else:
        origin = None
    if origin in data.NAMES_BY_LANGUAGE:
        firsts, lasts = data.NAMES_BY_LANGUAGE[origin]
        return rng.choice(firsts), rng.choice(lasts)
    return fake.first_name(), rng.choice(data.DUTCH_LAST_NAMES)


def _phone(rng, fake) -> str:
    chance = rng.random()
    if chance < 0.1:
        return ""
    # Most residents give a mobile number; some a landline, in Faker's Dutch formats.
    return fake.numerify("06-########") if chance < 0.75 else fake.phone_number()


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]

"""Builds the demo: the made-up gemeente Kringstad, three collectives with about a hundred
residents each (consent, gift conversations, gifts) and assets of all six kinds, and a log-in
for every role.

Running it again first removes what an earlier run made, found by the demo collectives' slugs
(only in the sample gemeente) and the demo log-ins' e-mail addresses, so nothing else is
touched. Random choices come from fixed seeds: every run makes the same residents and gifts.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely import Point
from shapely.geometry import shape

import kring.geo
from kring.assets.models import Asset, Tag
from kring.communities.models import Collective, Membership
from kring.core.bulk import update_rows
from kring.core.models import User
from kring.geo.models import Municipality, Neighbourhood
from kring.geo.services import import_regions
from kring.maps.cells import rebuild_cells
from kring.matching.services import rebuild_search_index
from kring.people.models import Consent, Conversation, Resident
from kring.public.demo import load_public_demo
from kring.selfscan.demo import load_selfscan_demo

from . import data

SAMPLE_REGIONS = Path(kring.geo.__file__).resolve().parent / "data" / "sample-kringstad.geojson"
SAMPLE_YEAR = 2025
MUNICIPALITY_CODE = "GM9999"
PASSWORD = data.PASSWORD
DEMO_SLUGS = [spec["slug"] for spec in data.COLLECTIVES]
DEMO_EMAILS = [email for _role, _slug, email, _name in data.LOGINS]

ROLE_LABELS = {
    "beheerder": gettext_lazy("beheerder"),
    "buurtmaker": gettext_lazy("buurtmaker"),
    "lid": gettext_lazy("lid"),
    "gemeente": gettext_lazy("medewerker van de gemeente"),
    "redacteur": gettext_lazy("redacteur van het netwerk"),
    "installatie": gettext_lazy("beheerder van de installatie (/admin/)"),
}

# How many gifts a resident with consent names in a conversation: 1 to 4, mostly 2.
# Letters that slugify cannot reduce to ASCII on its own (it drops them), for e-mail addresses.
_ASCII = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "'": ""})

GIFT_COUNT_WEIGHTS = {1: 30, 2: 35, 3: 22, 4: 13}
AVAILABILITY_WEIGHTS = {"nu": 40, "soms": 35, "vragen": 15, "niet_nu": 10}
CONVERSATION_METHOD_WEIGHTS = {"persoonlijk": 65, "telefoon": 15, "papier": 20}


class DemoError(Exception):
    pass


@dataclass
class Login:
    role: str
    collective: str
    email: str
    password: str


@dataclass
class DemoResult:
    collectives: list[dict] = field(default_factory=list)
    logins: list[Login] = field(default_factory=list)
    seconds: float = 0.0


def load_demo() -> DemoResult:
    """Remove the previous demo and build it again, in one transaction."""
    started = time.perf_counter()
    faker_class = _faker_class()
    result = DemoResult()
    with transaction.atomic():
        remove_demo()
        regions = import_regions(features=SAMPLE_REGIONS, year=SAMPLE_YEAR, sample=True)
        if not regions.ok:
            raise DemoError("\n".join(regions.errors))
        municipality = Municipality.objects.get(code=MUNICIPALITY_CODE)
        users = _create_users(municipality)
        for spec in data.COLLECTIVES:
            result.collectives.append(_build_collective(spec, municipality, users, faker_class))
        # Assets were written in bulk, past the asset services: index them in bulk too.
        slugs = [spec["slug"] for spec in data.COLLECTIVES]
        _share_with_gemeente(slugs, municipality)
        for collective in Collective.objects.filter(slug__in=slugs):
            rebuild_search_index(collective=collective)
            rebuild_cells(collective.pk)
        # The network's public site: news, a publication, academy meetings and plaatjes.
        load_public_demo()
        # The gemeente's self-scan: two rounds, so the change over time shows.
        load_selfscan_demo(municipality=municipality, user=users["gemeente", None])
    names = {spec["slug"]: spec["name"] for spec in data.COLLECTIVES}
    result.logins = [
        Login(str(ROLE_LABELS[role]), names.get(slug, "—"), email, PASSWORD)
        for role, slug, email, _name in data.LOGINS
    ]
    result.seconds = time.perf_counter() - started
    return result


def _share_with_gemeente(slugs, municipality) -> None:
    """The demo collectives share all their figures with Kringstad, so the municipality's
    log-in sees a filled dashboard. In real use each collective's admin chooses."""
    from kring.impact.models import ShareGroup, SharingChoice, SharingLog

    for collective in Collective.objects.filter(slug__in=slugs):
        SharingChoice.objects.create(
            collective=collective, municipality=municipality, groups=list(ShareGroup.values)
        )
        SharingLog.objects.create(
            collective=collective, municipality=municipality, groups=list(ShareGroup.values)
        )


def remove_demo() -> None:
    """Delete what an earlier run made; never anything else."""
    clash = (
        Collective.objects.filter(slug__in=DEMO_SLUGS)
        .exclude(municipality__code=MUNICIPALITY_CODE, municipality__is_sample=True)
        .first()
    )
    if clash is not None:
        raise DemoError(
            _(
                "Er bestaat al een collectief met de korte naam %(slug)s dat niet bij de demo "
                "hoort. De demo laat het staan en stopt."
            )
            % {"slug": clash.slug}
        )
    demo = Collective.objects.filter(slug__in=DEMO_SLUGS)
    ids = list(demo.values_list("pk", flat=True))
    if ids:
        demo.delete()
        # Deleting wrote a "deleted" history row per asset; the demo's history goes entirely.
        Asset.history.model.objects.filter(collective_id__in=ids).delete()
    User.objects.filter(email__in=DEMO_EMAILS).delete()


def _faker_class():
    try:
        from faker import Faker
    except ImportError:  # Faker is a development package: say how to get it.
        raise DemoError(
            _(
                "Voor de demo is het pakket Faker nodig. Installeer de pakketten voor "
                "ontwikkelaars (make install-dev) en probeer het opnieuw."
            )
        ) from None
    return Faker


def _create_users(municipality) -> dict[tuple[str, str | None], User]:
    # Hashing once: the password is the same for every demo log-in, and hashing costs time.
    password = make_password(PASSWORD)
    users = {}
    for role, slug, email, name in data.LOGINS:
        users[role, slug] = User(
            email=email.lower(),
            name=name,
            password=password,
            municipality=municipality if role == "gemeente" else None,
            is_network_editor=role == "redacteur",
            is_staff=role == "installatie",
            is_superuser=role == "installatie",
        )
    User.objects.bulk_create(users.values())
    return users


def _build_collective(spec, municipality, users, faker_class) -> dict:
    rng = random.Random(spec["seed"])
    fake = faker_class("nl_NL")
    fake.seed_instance(spec["seed"])
    today = timezone.localdate()

    collective = Collective.objects.create(
        municipality=municipality,
        **{
            key: spec[key]
            for key in (
                "slug",
                "name",
                "kind",
                "legal_form",
                "description",
                "contact_name",
                "contact_email",
                "contact_phone",
                "address",
                "website",
                "public_place",
                "public_teaser",
                "public_description",
                "public_themes",
            )
        },
        is_public=True,
    )
    buurten = list(Neighbourhood.objects.filter(district__code=spec["district"]).order_by("code"))
    collective.working_area.set(buurten)
    shapes = {buurt.code: shape(buurt.boundary) for buurt in buurten}
    by_code = {buurt.code: buurt for buurt in buurten}

    memberships = [
        Membership(user=user, collective=collective, role=role)
        for (role, slug), user in users.items()
        if slug == spec["slug"]
    ]
    Membership.objects.bulk_create(memberships)
    builders = [m.user for m in memberships if m.role in ("beheerder", "buurtmaker")]
    linked_user = users.get(("lid", spec["slug"]))

    used_emails = set()
    people = [
        _resident(
            spec, i, collective, buurten, builders, rng, fake, today, linked_user, used_emails
        )
        for i in range(spec["residents"])
    ]
    residents = [person.resident for person in people]
    Resident.objects.bulk_create(residents)
    _restore_created_at(Resident, [(p.resident, p.created_at) for p in people])

    consents = [consent for person in people for consent in person.consents(rng)]
    Consent.objects.bulk_create(consents)

    conversations = [p.conversation() for p in people if p.conversation_method]
    Conversation.objects.bulk_create(conversations)
    _restore_created_at(Conversation, [(c, _at(c.held_on, 17)) for c in conversations])

    assets = []
    for person in people:
        for title, kind, tag in person.gift_titles(rng):
            asset = Asset(
                collective=collective,
                category="gift",
                title=title,
                resident=person.resident,
                gift_kind=kind,
                availability=_weighted(rng, AVAILABILITY_WEIGHTS),
                neighbourhood=person.resident.neighbourhood,
                # A gift is seen by members only if the resident allowed it (consent 'leden').
                visibility="leden"
                if "leden" in person.purposes and rng.random() < 0.7
                else "buurtmakers",
                source="papier" if person.conversation_method == "papier" else "gesprek",
                created_by=person.builder,
            )
            assets.append((asset, person.created_at, [tag]))
    for item in spec["assets"]:
        assets.append(_asset(item, collective, by_code, shapes, builders, rng, today))
    tag_names = dict.fromkeys(name for _asset, _created, names in assets for name in names)

    objs = [asset for asset, _created, _tags in assets]
    Asset.objects.bulk_create(objs, batch_size=500)
    _restore_created_at(Asset, [(asset, created) for asset, created, _tags in assets])
    # bulk_create skips signals, so the first history row of each asset is written here, dated
    # and signed like the asset itself (what bulk_create_with_history does, with our dates).
    for asset, created, _tags in assets:
        asset._history_date = created
        asset._history_user = asset.created_by
    Asset.history.bulk_history_create(objs, batch_size=500)

    tags = Tag.objects.bulk_create([Tag(collective=collective, name=name) for name in tag_names])
    tag_ids = {tag.name: tag.pk for tag in tags}
    Asset.tags.through.objects.bulk_create(
        [
            Asset.tags.through(asset_id=asset.pk, tag_id=tag_ids[name])
            for asset, _created, names in assets
            for name in names
        ],
        batch_size=500,
    )
    _name_tellers(spec, objs, people, rng)
    categories = {}
    for asset in objs:
        categories[asset.category] = categories.get(asset.category, 0) + 1
    return {
        "name": collective.name,
        "residents": len(residents),
        "consents": len(consents),
        "conversations": len(conversations),
        "assets": len(objs),
        "categories": categories,
    }


class _Person:
    """One made-up resident with what the builder decided about them."""

    def __init__(self, resident, languages, created_at, builder, purposes, method, consent_how):
        self.resident = resident
        self.languages = languages
        self.created_at = created_at
        self.builder = builder
        self.purposes = purposes
        self.conversation_method = method
        self.consent_method = consent_how

    def consents(self, rng):
        made = [
            Consent(
                resident=self.resident,
                purpose=purpose,
                given_at=self.created_at,
                method=self.consent_method,
                recorded_by=self.builder,
            )
            for purpose in self.purposes
        ]
        # Now and then someone withdrew permission for photos: kept as proof, no longer active.
        age = timezone.now() - self.created_at
        if (
            "fotos" not in self.purposes
            and "inventaris" in self.purposes
            and age.days > 60
            and rng.random() < 0.05
        ):
            made.append(
                Consent(
                    resident=self.resident,
                    purpose="fotos",
                    given_at=self.created_at,
                    method=self.consent_method,
                    recorded_by=self.builder,
                    withdrawn_at=self.created_at + timedelta(days=rng.randint(10, 60)),
                )
            )
        return made

    def conversation(self):
        return Conversation(
            collective=self.resident.collective,
            resident=self.resident,
            held_on=timezone.localtime(self.created_at).date(),
            held_by=self.builder,
            method=self.conversation_method,
        )

    def gift_titles(self, rng):
        # Gifts only with an active consent for the inventory: no consent, no gifts.
        if "inventaris" not in self.purposes:
            return []
        count = _weighted(rng, GIFT_COUNT_WEIGHTS)
        titles = []
        other_languages = [lang for lang in self.languages if lang != "Nederlands"]
        if other_languages and rng.random() < 0.55:
            language = rng.choice(other_languages)
            titles.append((data.LANGUAGE_GIFT.format(language=language), "hoofd", "taal"))
        titles += rng.sample(data.GIFTS, count - len(titles)) if count > len(titles) else []
        return titles


def _resident(
    spec, index, collective, buurten, builders, rng, fake, today, linked_user, used_emails
):
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
    created_at = _at(today - timedelta(days=rng.randint(3, 720)), rng.randint(9, 20), rng)

    # Most residents agreed to the inventory; of those, many to connecting and to being seen
    # by members, some to stories and photos.
    purposes = []
    if index == 0 or rng.random() < 0.88:
        purposes.append("inventaris")
        for purpose, chance in (
            ("verbinden", 0.7),
            ("leden", 0.6),
            ("verhalen", 0.2),
            ("fotos", 0.18),
        ):
            if (index == 0 and purpose == "leden") or rng.random() < chance:
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
    builder = rng.choice(builders)
    resident = Resident(
        collective=collective,
        name=f"{first} {last}",
        email=email,
        phone=_phone(rng, fake),
        address=f"{rng.choice(spec['streets'])} {rng.randint(1, 180)}, Kringstad",
        neighbourhood=rng.choice(buurten),
        languages=", ".join(languages),
        user=linked_user if index == 0 else None,
        source={"papier": "papier", "": "handmatig"}.get(method, "gesprek"),
        created_by=builder,
    )
    return _Person(resident, languages, created_at, builder, purposes, method, consent_how)


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


def _asset(item, collective, by_code, shapes, builders, rng, today):
    fields = {key: value for key, value in item.items() if key not in ("buurt", "tags", "tellers")}
    code = item["buurt"]
    if item.get("address"):
        # A pin somewhere inside the asset's own buurt, so the map and the buurt agree.
        fields["latitude"], fields["longitude"] = _point_in(shapes[code], rng)
    asset = Asset(
        collective=collective,
        neighbourhood=by_code[code],
        source="handmatig",
        created_by=rng.choice(builders),
        **fields,
    )
    created = _at(today - timedelta(days=rng.randint(30, 720)), rng.randint(9, 17), rng)
    return asset, created, item.get("tags", [])


def _name_tellers(spec, objs, people, rng) -> None:
    """Stories told by residents: per teller in the spec, True names one who allowed sharing
    stories ("verhalen"), False one who did not, so the wijkportret shows a story that may go
    out and one that waits for consent."""
    told = {item["title"]: item["tellers"] for item in spec["assets"] if item.get("tellers")}
    if not told:
        return
    willing = [p.resident for p in people if "verhalen" in p.purposes]
    unwilling = [p.resident for p in people if "verhalen" not in p.purposes and p.purposes]
    links = []
    for asset in objs:
        for allowed in told.get(asset.title, ()) if asset.category == "story" else ():
            pool = willing if allowed else unwilling
            if pool:
                links.append(
                    Asset.tellers.through(
                        asset_id=asset.pk, resident_id=pool.pop(rng.randrange(len(pool))).pk
                    )
                )
    Asset.tellers.through.objects.bulk_create(links)


def _point_in(polygon, rng) -> tuple[float, float]:
    minx, miny, maxx, maxy = polygon.bounds
    for _attempt in range(200):
        point = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(point):
            return round(point.y, 6), round(point.x, 6)
    point = polygon.representative_point()
    return round(point.y, 6), round(point.x, 6)


def _restore_created_at(model, pairs) -> None:
    """bulk_create stamps auto_now_add fields with 'now'; the demo spreads them over two
    years, so that overviews over time have something to show."""
    for obj, created in pairs:
        obj.created_at = created
    update_rows(model, ["created_at"], [obj for obj, _created in pairs])


def _at(day, hour, rng=None) -> datetime:
    minute = rng.randint(0, 59) if rng else 0
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]

"""What the API sends and accepts. Output schemas name only what the web pages show to the same
role; residents appear by number, never with contact details."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from kring.assets.models import Availability, Category, GiftKind, InstitutionType
from kring.assets.services import MAX_TAGS, TAG_LENGTH
from kring.communities.models import Province
from kring.core.choices import Source, Visibility
from kring.core.forms import MAX_INTEGER_KEY
from kring.initiatives.models import ConnectionKind, NeedStatus, Question, Status
from kring.people.models import ConsentPurpose
from kring.public.selectors import themes_of

from .core import Page
from .formats import BUURT, NO_NUL, NOT_BLANK, WEB_ADDRESS


def _iso_date_only(value):
    # Pydantic also reads numbers as Unix time ("0" is 1 January 1970); a date is YYYY-MM-DD.
    if isinstance(value, date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise PydanticCustomError("date_parsing", "Input should be a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


def _json_integer(value):
    # JSON Schema's integer is a number without a fraction (7 or 7.0), never text or true.
    if isinstance(value, str | bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# A row number in a body, as JSON Schema reads an integer, not as pydantic's lax mode does
# ("7" or true). The bounds come first, so that the schema shows them as minimum and maximum.
Key = Annotated[int, Field(ge=1, le=MAX_INTEGER_KEY), BeforeValidator(_json_integer)]
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]


def _slug(context) -> str:
    return context["request"].auth.access.collective.slug


def _absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


def _buurt(obj) -> str | None:
    return obj.neighbourhood.code if obj.neighbourhood_id else None


# --- assets -------------------------------------------------------------------------------


class AssetOut(Schema):
    id: int
    category: Category
    title: str
    description: str
    buurt: str | None = Field(description="CBS-code van de buurt, bijvoorbeeld BU05990101")
    visibility: Visibility
    source: Source
    tags: list[str]
    resident_id: int | None = Field(description="Alleen bij gaven: het nummer van de bewoner")
    gift_kind: str
    availability: str
    institution_type: str
    contact: str
    website: str
    address: str
    latitude: float | None
    longitude: float | None
    opening_hours: str
    accessibility: str
    image_description: str
    created_at: datetime
    updated_at: datetime
    version: int
    url: str

    @staticmethod
    def resolve_buurt(obj) -> str | None:
        return _buurt(obj)

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("assets:detail", args=[_slug(context), obj.pk]))


class AssetPage(Page):
    results: list[AssetOut]


def text(max_length: int, *, description: str | None = None, **kwargs):
    """Optional free text: at most ``max_length`` characters, no NUL."""
    return Field("", max_length=max_length, pattern=NO_NUL, description=description, **kwargs)


def required_text(max_length: int, *, description: str | None = None):
    """Text that must hold something besides spaces."""
    return Field(
        ..., min_length=1, max_length=max_length, pattern=NOT_BLANK, description=description
    )


def reference(description: str, *, required: bool = False):
    """The number of another row (a Key), which must be one of the collective's own."""
    return Field(... if required else None, description=description)


OWN = (
    "Een nummer uit uw eigen collectief. Een onbekend nummer, of een nummer van een ander "
    "collectief, wordt geweigerd: 422 met dit veld in ‘errors’ (Kring zegt niet of het bestaat)."
)
BUURT_HELP = (
    "CBS-code van een buurt in het werkgebied van uw collectief, bijvoorbeeld BU05990101; "
    "leeg of null: geen buurt. Een andere buurt wordt geweigerd: 422 met dit veld in ‘errors’."
)
Tag = Annotated[str, Field(max_length=TAG_LENGTH, pattern=NO_NUL)]


def _coordinates(model, *, partial: bool):
    """Latitude and longitude come as a pair: both numbers, or both empty. In a change (PATCH)
    both are sent, or neither."""
    sent = model.model_fields_set
    if partial and ("latitude" in sent) != ("longitude" in sent):
        raise PydanticCustomError("coordinates", "Send latitude and longitude together")
    if (model.latitude is None) != (model.longitude is None):
        raise PydanticCustomError("coordinates", "Send latitude and longitude together")
    return model


# The same rule in JSON Schema: for a new asset an absent coordinate is empty; for a change,
# absent means unchanged, so both or neither are sent.
_BOTH_EMPTY = {"properties": {"latitude": {"type": "null"}, "longitude": {"type": "null"}}}
_BOTH_NUMBERS = {
    "required": ["latitude", "longitude"],
    "properties": {
        "latitude": {"type": "number", "minimum": -90, "maximum": 90},
        "longitude": {"type": "number", "minimum": -180, "maximum": 180},
    },
}
COORDINATES_NEW = {"anyOf": [_BOTH_EMPTY, _BOTH_NUMBERS]}
COORDINATES_CHANGE = {
    "anyOf": [
        {"properties": {"latitude": False, "longitude": False}},
        {**_BOTH_EMPTY, "required": ["latitude", "longitude"]},
        _BOTH_NUMBERS,
    ]
}


class AssetCommon(Schema):
    """What every asset has. A field the category does not have is refused (422)."""

    model_config = ConfigDict(extra="forbid")

    title: str = required_text(200)
    description: str = text(20_000)
    buurt: str | None = Field(None, max_length=10, pattern=BUURT, description=BUURT_HELP)
    visibility: Visibility = Visibility.MEMBERS
    source: Source = Source.MANUAL
    tags: list[Tag] = Field(
        default_factory=list,
        max_length=MAX_TAGS,
        description="Labels; Kring maakt ze klein, haalt dubbele weg en splitst op komma's",
    )


class _Reach(Schema):
    contact: str = text(200)
    website: str = Field(
        "", max_length=200, pattern=WEB_ADDRESS, description="Begint met https:// of http://"
    )
    address: str = text(200)
    latitude: Number | None = Field(None, ge=-90, le=90)
    longitude: Number | None = Field(None, ge=-180, le=180)

    @model_validator(mode="after")
    def _pair(self):
        return _coordinates(self, partial=False)

    model_config = ConfigDict(extra="forbid", json_schema_extra=COORDINATES_NEW)


class GiftIn(AssetCommon):
    """A resident's gift (head, hands or heart): never public on its own."""

    category: Literal[Category.GIFT]
    resident_id: Key = reference(f"De bewoner wiens gave dit is. {OWN}", required=True)
    gift_kind: GiftKind
    availability: Availability | None = None
    visibility: Literal[Visibility.BUILDERS, Visibility.MEMBERS] = Visibility.MEMBERS


class AssociationIn(AssetCommon, _Reach):
    category: Literal[Category.ASSOCIATION]


class InstitutionIn(AssetCommon, _Reach):
    category: Literal[Category.INSTITUTION]
    institution_type: InstitutionType


class PlaceIn(AssetCommon, _Reach):
    category: Literal[Category.PLACE]
    opening_hours: str = text(300)
    accessibility: str = text(300)


class EconomyIn(AssetCommon, _Reach):
    category: Literal[Category.ECONOMY]


class StoryIn(AssetCommon):
    category: Literal[Category.STORY]
    description: str = Field(
        ..., min_length=1, max_length=20_000, pattern=NOT_BLANK, description="Het verhaal"
    )
    image_description: str = text(300)


# A new asset: what is required depends on its category (the discriminator).
AssetIn = Annotated[
    GiftIn | AssociationIn | InstitutionIn | PlaceIn | EconomyIn | StoryIn,
    Field(discriminator="category"),
]


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


def unchanged(**constraints):
    """A field of a change (PATCH): left out, it stays as it is; sent, it must be valid (a
    field that cannot be null here cannot be emptied with null either)."""
    return Field(None, json_schema_extra=_no_default, **constraints)


class AssetPatch(Schema):
    """Only the fields sent change. Name the version you change: the ETag you read as
    ``If-Match`` (a newer one gives 412), or ``version`` here (a newer one gives 409); neither
    gives 428. Fields of another category than the asset's are ignored; unknown fields are
    refused. What the asset's category requires cannot be emptied: a story keeps its text
    (``description``), a gift stays visible to members or buurtmakers only; such a change is
    refused with 422."""

    version: Key | None = Field(
        None,
        json_schema_extra=_no_default,
        description="De versie die u ophaalde; nodig als u geen If-Match meestuurt",
    )
    title: str = unchanged(min_length=1, max_length=200, pattern=NOT_BLANK)
    description: str = unchanged(max_length=20_000, pattern=NO_NUL)
    buurt: str | None = unchanged(max_length=10, pattern=BUURT, description=BUURT_HELP)
    visibility: Visibility = unchanged()
    source: Source = unchanged()
    tags: list[Tag] = unchanged(max_length=MAX_TAGS)
    resident_id: Key = unchanged(description=f"Alleen bij gaven. {OWN}")
    gift_kind: GiftKind = unchanged(description="Alleen bij gaven")
    availability: Availability | None = unchanged(description="Alleen bij gaven")
    institution_type: InstitutionType = unchanged(description="Alleen bij instellingen")
    contact: str = unchanged(max_length=200, pattern=NO_NUL)
    website: str = unchanged(max_length=200, pattern=WEB_ADDRESS)
    address: str = unchanged(max_length=200, pattern=NO_NUL)
    latitude: Number | None = unchanged(ge=-90, le=90)
    longitude: Number | None = unchanged(ge=-180, le=180)
    opening_hours: str = unchanged(max_length=300, pattern=NO_NUL)
    accessibility: str = unchanged(max_length=300, pattern=NO_NUL)
    image_description: str = unchanged(max_length=300, pattern=NO_NUL)

    @model_validator(mode="after")
    def _pair(self):
        return _coordinates(self, partial=True)

    model_config = ConfigDict(extra="forbid", json_schema_extra=COORDINATES_CHANGE)


# --- residents ----------------------------------------------------------------------------


class ResidentOut(Schema):
    id: int
    name: str
    buurt: str | None
    languages: str
    consents: list[ConsentPurpose] = Field(description="Waarvoor de bewoner nu toestemming geeft")
    created_at: datetime
    updated_at: datetime
    version: int
    url: str

    @staticmethod
    def resolve_buurt(obj) -> str | None:
        return _buurt(obj)

    @staticmethod
    def resolve_consents(obj) -> list[str]:
        return sorted(obj.active_purposes())

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("people:detail", args=[_slug(context), obj.pk]))


class ResidentPage(Page):
    results: list[ResidentOut]


# --- initiatives, needs, connections ------------------------------------------------------


class NeedOut(Schema):
    id: int
    initiative_id: int
    text: str
    question: Question
    status: NeedStatus
    created_at: datetime


class NeedPage(Page):
    results: list[NeedOut]


class InitiativeOut(Schema):
    id: int
    title: str
    description: str
    buurt: str | None
    status: Status
    start_date: date | None
    end_date: date | None
    tasks: list[str] = Field(description="De opgaven waar het initiatief aan bijdraagt")
    tasks_en: list[str] = Field(
        description="Dezelfde opgaven in het Engels (de Nederlandse naam als er geen Engelse is)"
    )
    goal_hours: Decimal | None
    goal_money: Decimal | None
    created_at: datetime
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_buurt(obj) -> str | None:
        return _buurt(obj)

    @staticmethod
    def resolve_tasks(obj) -> list[str]:
        return [task.name for task in obj.tasks.all()]

    @staticmethod
    def resolve_tasks_en(obj) -> list[str]:
        return [task.name_en or task.name for task in obj.tasks.all()]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("initiatives:detail", args=[_slug(context), obj.pk]))


class InitiativeDetailOut(InitiativeOut):
    needs: list[NeedOut]

    @staticmethod
    def resolve_needs(obj) -> list:
        return list(obj.needs.all())


class InitiativePage(Page):
    results: list[InitiativeOut]


class ConnectionOut(Schema):
    id: int
    kind: ConnectionKind
    happened_on: date
    resident_id: int | None = Field(description="Kant A: een bewoner, of anders het initiatief")
    initiative_id: int | None
    other_resident_id: int | None = Field(description="Kant B: een bewoner óf een bron")
    asset_id: int | None
    need_id: int | None
    activity_id: int | None
    note: str
    recorded_at: datetime


class ConnectionPage(Page):
    results: list[ConnectionOut]


# Exactly one other side: a resident or an asset, never both, never neither. (Each branch
# repeats the field's whole rule: generators may read a branch on its own.)
_KEY = {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER_KEY}
_ONE_OTHER_SIDE = {
    "oneOf": [
        {
            "required": ["other_resident_id"],
            "properties": {"other_resident_id": _KEY, "asset_id": {"type": "null"}},
        },
        {
            "required": ["asset_id"],
            "properties": {"asset_id": _KEY, "other_resident_id": {"type": "null"}},
        },
    ]
}


class ConnectionIn(Schema):
    """A tie between a resident (side A) and either another resident or an asset (side B).
    Every number must be one of your own collective's (see each field); the other resident
    cannot be the same as ``resident_id``. Otherwise the answer is 422 naming the field."""

    resident_id: Key = reference(f"Kant A: de bewoner. {OWN}", required=True)
    kind: ConnectionKind
    happened_on: IsoDate
    other_resident_id: Key | None = reference(
        f"Kant B: een andere bewoner dan resident_id, óf laat leeg en geef asset_id. {OWN}"
    )
    asset_id: Key | None = reference(
        "Kant B: een groep, instelling, plek, economie of verhaal (geen gave: die is een "
        f"bewoner; geef dan other_resident_id), óf laat leeg en geef other_resident_id. {OWN}"
    )
    initiative_id: Key | None = reference(f"Hoorde het bij een initiatief? {OWN}")
    note: str = text(300)

    model_config = ConfigDict(extra="forbid", json_schema_extra=_ONE_OTHER_SIDE)


# --- the public directory -----------------------------------------------------------------


class MemberOut(Schema):
    slug: str
    name: str
    kind: str
    gemeente: str
    gemeente_code: str
    place: str
    province: Province | None
    teaser: str
    description: str
    themes: list[str]
    logo: str | None
    url: str

    @staticmethod
    def resolve_gemeente(obj) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_gemeente_code(obj) -> str:
        return obj.municipality.code

    @staticmethod
    def resolve_place(obj) -> str:
        return obj.public_place

    @staticmethod
    def resolve_province(obj) -> str | None:
        return obj.public_province or None

    @staticmethod
    def resolve_teaser(obj) -> str:
        return obj.public_teaser

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.public_description

    @staticmethod
    def resolve_themes(obj) -> list[str]:

        return themes_of(obj)

    @staticmethod
    def resolve_logo(obj, context) -> str | None:
        return _absolute(context, obj.public_logo.url) if obj.public_logo else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("public:member", args=[obj.slug]))


class MemberPage(Page):
    results: list[MemberOut]

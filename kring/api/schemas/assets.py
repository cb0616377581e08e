"""The API's assets: what it sends (``AssetOut``), a new asset's body, one schema per category
chosen by ``category`` (``AssetIn``), and a change (``AssetPatch``), with the rule that
latitude and longitude come as a pair."""

from datetime import datetime
from typing import Annotated, Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from kring.assets.models import Availability, Category, GiftKind, InstitutionType
from kring.assets.services import MAX_TAGS, TAG_LENGTH
from kring.core.choices import Source, Visibility

from ..core import Page
from ..formats import BUURT, NO_NUL, NOT_BLANK, WEB_ADDRESS
from .fields import (
    OWN,
    Key,
    Number,
    absolute,
    buurt_code,
    collective_slug,
    no_default,
    reference,
    required_text,
    text,
    unchanged,
)


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
        return buurt_code(obj)

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, reverse("assets:detail", args=[collective_slug(context), obj.pk]))


class AssetPage(Page):
    results: list[AssetOut]


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


class AssetPatch(Schema):
    """Only the fields sent change. Name the version you change: the ETag you read as
    ``If-Match`` (a newer one gives 412), or ``version`` here (a newer one gives 409); neither
    gives 428. Fields of another category than the asset's are ignored; unknown fields are
    refused. What the asset's category requires cannot be emptied: a story keeps its text
    (``description``), a gift stays visible to members or buurtmakers only; such a change is
    refused with 422."""

    version: Key | None = Field(
        None,
        json_schema_extra=no_default,
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

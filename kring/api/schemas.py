"""What the API sends and accepts. Output schemas name only what the web pages show to the same
role; residents appear by number, never with contact details."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.urls import reverse
from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from kring.assets.models import Availability, Category, GiftKind, InstitutionType
from kring.communities.models import Province
from kring.core.choices import Source, Visibility
from kring.core.forms import MAX_INTEGER_KEY
from kring.initiatives.models import ConnectionKind, NeedStatus, Question, Status
from kring.people.models import ConsentPurpose

from .core import Page


def _iso_date_only(value):
    # Pydantic also reads numbers as Unix time ("0" is 1 January 1970); a date is YYYY-MM-DD.
    if isinstance(value, date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise PydanticCustomError("date_parsing", "Input should be a date as YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


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


_TEXT = {"max_length": 300}


class AssetFields(Schema):
    title: str = Field("", max_length=200)
    description: str = Field("", max_length=20_000)
    buurt: str | None = Field(None, max_length=10, description="CBS-code van de buurt")
    visibility: Visibility = Visibility.MEMBERS
    source: Source = Source.MANUAL
    tags: list[str] = Field(default_factory=list, max_length=30)
    resident_id: int | None = Field(None, ge=1, le=MAX_INTEGER_KEY)
    gift_kind: GiftKind | None = None
    availability: Availability | None = None
    institution_type: InstitutionType | None = None
    contact: str = Field("", max_length=200)
    website: str = Field("", max_length=200)
    address: str = Field("", max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False)
    longitude: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False)
    opening_hours: str = Field("", **_TEXT)
    accessibility: str = Field("", **_TEXT)
    image_description: str = Field("", **_TEXT)


class AssetIn(AssetFields):
    category: Category
    title: str = Field(..., max_length=200)


class AssetPatch(AssetFields):
    """Only the fields sent change. Name the version you change: the ETag you read as
    ``If-Match`` (a newer one gives 412), or ``version`` here (a newer one gives 409)."""

    version: int | None = Field(
        None,
        ge=1,
        le=MAX_INTEGER_KEY,
        description="De versie die u ophaalde; nodig als u geen If-Match meestuurt",
    )


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


class ConnectionIn(Schema):
    resident_id: int = Field(..., ge=1, le=MAX_INTEGER_KEY)
    kind: ConnectionKind
    happened_on: IsoDate
    other_resident_id: int | None = Field(None, ge=1, le=MAX_INTEGER_KEY)
    asset_id: int | None = Field(None, ge=1, le=MAX_INTEGER_KEY)
    initiative_id: int | None = Field(None, ge=1, le=MAX_INTEGER_KEY)
    note: str = Field("", max_length=300)


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
        from kring.public.selectors import themes_of

        return themes_of(obj)

    @staticmethod
    def resolve_logo(obj, context) -> str | None:
        return _absolute(context, obj.public_logo.url) if obj.public_logo else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("public:member", args=[obj.slug]))


class MemberPage(Page):
    results: list[MemberOut]

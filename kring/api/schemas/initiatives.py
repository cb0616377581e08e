"""The API's initiatives with their needs, and connections: what it sends, and a new
connection's body (a resident on one side, another resident or an asset on the other)."""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import ConfigDict

from kring.core.forms import MAX_INTEGER_KEY
from kring.initiatives.models import ConnectionKind, NeedStatus, Question, Status

from ..core import Page
from .fields import OWN, IsoDate, Key, absolute, buurt_code, collective_slug, reference, text


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
        return buurt_code(obj)

    @staticmethod
    def resolve_tasks(obj) -> list[str]:
        return [task.name for task in obj.tasks.all()]

    @staticmethod
    def resolve_tasks_en(obj) -> list[str]:
        return [task.name_en or task.name for task in obj.tasks.all()]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(
            context, reverse("initiatives:detail", args=[collective_slug(context), obj.pk])
        )


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

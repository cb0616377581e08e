"""The API's residents: by number and name, with their buurt, languages and consents; never
with contact details."""

from datetime import datetime

from django.urls import reverse
from ninja import Field, Schema

from kring.people.models import ConsentPurpose

from ..core import Page
from .fields import absolute, buurt_code, collective_slug


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
        return buurt_code(obj)

    @staticmethod
    def resolve_consents(obj) -> list[str]:
        return sorted(obj.active_purposes())

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, reverse("people:detail", args=[collective_slug(context), obj.pk]))


class ResidentPage(Page):
    results: list[ResidentOut]

"""The API's public directory: the network's members as their public profile shows them."""

from django.urls import reverse
from ninja import Schema

from kring.communities.models import Province
from kring.public.selectors import themes_of

from ..core import Page
from .fields import absolute


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
        return absolute(context, obj.public_logo.url) if obj.public_logo else None

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, reverse("public:member", args=[obj.slug]))


class MemberPage(Page):
    results: list[MemberOut]

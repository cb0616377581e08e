"""What the API sends and accepts. Output schemas name only what the web pages show to the same
role; residents appear by number, never with contact details.

One module per part of Kring, as the routes are: ``assets``, ``residents``, ``initiatives``
(with needs and connections) and ``directory`` (the public members); ``fields`` holds what
they are built from. Import the schemas from here."""

from .assets import (
    BUURT_HELP,
    COORDINATES_CHANGE,
    COORDINATES_NEW,
    AssetCommon,
    AssetIn,
    AssetOut,
    AssetPage,
    AssetPatch,
    AssociationIn,
    EconomyIn,
    GiftIn,
    InstitutionIn,
    PlaceIn,
    StoryIn,
    Tag,
)
from .directory import MemberOut, MemberPage
from .fields import (
    OWN,
    IsoDate,
    Key,
    Number,
    reference,
    required_text,
    text,
    unchanged,
)
from .initiatives import (
    ConnectionIn,
    ConnectionOut,
    ConnectionPage,
    InitiativeDetailOut,
    InitiativeOut,
    InitiativePage,
    NeedOut,
    NeedPage,
)
from .residents import ResidentOut, ResidentPage

__all__ = [
    "BUURT_HELP",
    "COORDINATES_CHANGE",
    "COORDINATES_NEW",
    "OWN",
    "AssetCommon",
    "AssetIn",
    "AssetOut",
    "AssetPage",
    "AssetPatch",
    "AssociationIn",
    "ConnectionIn",
    "ConnectionOut",
    "ConnectionPage",
    "EconomyIn",
    "GiftIn",
    "InitiativeDetailOut",
    "InitiativeOut",
    "InitiativePage",
    "InstitutionIn",
    "IsoDate",
    "Key",
    "MemberOut",
    "MemberPage",
    "NeedOut",
    "NeedPage",
    "Number",
    "PlaceIn",
    "ResidentOut",
    "ResidentPage",
    "StoryIn",
    "Tag",
    "reference",
    "required_text",
    "text",
    "unchanged",
]

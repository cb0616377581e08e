"""What the API's schemas are built from: the kinds of values a body may hold (a date, a row
number, a number), the field makers for text, references and changes, and how an answer names
a buurt and makes a link absolute."""

import re
from datetime import date
from typing import Annotated

from ninja import Field
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from kring.core.forms import MAX_INTEGER_KEY

from ..formats import NO_NUL, NOT_BLANK


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


def collective_slug(context) -> str:
    return context["request"].auth.access.collective.slug


def absolute(context, path: str) -> str:
    return context["request"].build_absolute_uri(path)


def buurt_code(obj) -> str | None:
    return obj.neighbourhood.code if obj.neighbourhood_id else None


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


def no_default(schema: dict) -> None:
    schema.pop("default", None)


def unchanged(**constraints):
    """A field of a change (PATCH): left out, it stays as it is; sent, it must be valid (a
    field that cannot be null here cannot be emptied with null either)."""
    return Field(None, json_schema_extra=no_default, **constraints)

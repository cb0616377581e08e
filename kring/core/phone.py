"""Telephone numbers people type for others to call: Dutch numbers (``010-123 45 67``,
``06 12345678``, ``+31 10 1234567``, ``0800-1234``) or an international number with ``+``.
Spaces, dashes, dots and brackets are allowed between the digits."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED = re.compile(r"^\+?[\d\s\-().]+$")
SEPARATORS = re.compile(r"[\s\-().]")
# Free and paid information numbers: 0800/0900/0906/0909 and 4 or 7 more digits.
SERVICE = re.compile(r"^0(800|90[069])(\d{4}|\d{7})$")

INVALID = _(
    "Dit telefoonnummer klopt niet. Typ een nummer van 10 cijfers, zoals 010-123 45 67 of "
    "06-12345678, of een nummer met +31."
)


def digits_of(number: str) -> str:
    """The number as one international string (``+31101234567``), or "" when it is not one."""
    text = (number or "").strip()
    if not text or not ALLOWED.match(text):
        return ""
    plain = SEPARATORS.sub("", text)
    if plain.startswith("00"):
        plain = "+" + plain[2:]
    if plain.startswith("+31"):
        rest = plain[3:]
        if rest.startswith("0"):  # +31 (0)10 …: the 0 in brackets is often typed too
            rest = rest[1:]
        return f"+31{rest}" if len(rest) == 9 and rest.isdigit() else ""
    if plain.startswith("+"):
        return plain if 8 <= len(plain) - 1 <= 15 and plain[1:].isdigit() else ""
    if SERVICE.match(plain):
        return plain
    if len(plain) == 10 and plain.startswith("0") and plain[1] != "0":
        return f"+31{plain[1:]}"
    return ""


def validate_phone(number: str) -> None:
    if number and not digits_of(number):
        raise ValidationError(INVALID, code="invalid_phone")


def tel_link(number: str) -> str:
    """A ``tel:`` address for a link, or "" for a number that is not valid."""
    digits = digits_of(number)
    return f"tel:{digits}" if digits else ""

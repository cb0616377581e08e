"""CBS region codes: gemeente GM + 4 digits, wijk WK + gemeente digits + 2, buurt BU + wijk part + 2.

The last two characters of a wijk or buurt code may hold capital letters (CBS uses them for some
newer areas), so they are matched as [0-9A-Z].
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MUNICIPALITY_RE = re.compile(r"^GM(\d{4})$")
DISTRICT_RE = re.compile(r"^WK(\d{4}[0-9A-Z]{2})$")
NEIGHBOURHOOD_RE = re.compile(r"^BU(\d{4}[0-9A-Z]{2}[0-9A-Z]{2})$")


def _check(pattern: re.Pattern, code: str, message: str) -> None:
    if not pattern.match(code or ""):
        raise ValidationError(message, code="invalid_code", params={"code": code})


def validate_municipality_code(code: str) -> None:
    _check(
        MUNICIPALITY_RE,
        code,
        _("Een gemeentecode is GM met 4 cijfers, bijvoorbeeld GM0599. U gaf: %(code)s"),
    )


def validate_district_code(code: str) -> None:
    _check(
        DISTRICT_RE,
        code,
        _("Een wijkcode is WK met 6 tekens, bijvoorbeeld WK059901. U gaf: %(code)s"),
    )


def validate_neighbourhood_code(code: str) -> None:
    _check(
        NEIGHBOURHOOD_RE,
        code,
        _("Een buurtcode is BU met 8 tekens, bijvoorbeeld BU05990101. U gaf: %(code)s"),
    )


def digits(code: str) -> str:
    """The part after the two-letter prefix: GM0599 -> 0599."""
    return code[2:]


def district_belongs_to(district_code: str, municipality_code: str) -> bool:
    return digits(district_code).startswith(digits(municipality_code))


def neighbourhood_belongs_to(neighbourhood_code: str, district_code: str) -> bool:
    return digits(neighbourhood_code).startswith(digits(district_code))

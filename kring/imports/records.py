"""What a checked row becomes: a record ready to store, or errors that name the row, the column
and what is wrong in plain Dutch."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Rij %(row)s, kolom ‘%(column)s’: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Rij %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


def short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "…"


@dataclass
class NewResident:
    """A resident the import creates; ``pk`` is set once written."""

    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    neighbourhood_id: int | None = None
    languages: str = ""
    row: int = 0
    pk: int | None = None


@dataclass
class ConsentGrant:
    purposes: set[str]
    given_at: datetime.datetime
    method: str


@dataclass
class Record:
    row: int
    values: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    resident: NewResident | int | None = None
    consent: ConsentGrant | None = None

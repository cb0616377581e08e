"""The forms of initiatives, needs, activities and series, attendance, pledges and connections.

Split by part (``initiatives``, ``activities``, ``pledges``, ``connections``, with the shared
inputs in ``widgets``); this package names every form, so ``from kring.initiatives.forms
import X`` works for each."""

from .activities import (
    DATE_PATTERN,
    ONCE,
    PLACE_HELP,
    PUBLIC_HELP,
    REPEAT_CHOICES,
    ActivityForm,
    AttendanceForm,
    SeriesForm,
    parse_dates,
)
from .connections import (
    ConnectionFilterForm,
    ConnectionForm,
)
from .initiatives import (
    NEED_FIELDS,
    NEED_HELP,
    InitiativeFilterForm,
    InitiativeForm,
    NeedForm,
)
from .pledges import (
    PledgeForm,
)
from .widgets import (
    CheckboxList,
    DateInput,
    TimeInput,
)

__all__ = [
    "DATE_PATTERN",
    "NEED_FIELDS",
    "NEED_HELP",
    "ONCE",
    "PLACE_HELP",
    "PUBLIC_HELP",
    "REPEAT_CHOICES",
    "ActivityForm",
    "AttendanceForm",
    "CheckboxList",
    "ConnectionFilterForm",
    "ConnectionForm",
    "DateInput",
    "InitiativeFilterForm",
    "InitiativeForm",
    "NeedForm",
    "PledgeForm",
    "SeriesForm",
    "TimeInput",
    "parse_dates",
]

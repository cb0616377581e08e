"""Residents' initiatives, their needs under the three questions, activities in places, pledges,
and the connections log: every tie the collective helped make, in one table.

The models live in four parts (``initiatives``, ``activities``, ``pledges``, ``connections``);
this package names them all, so ``from kring.initiatives.models import X`` works for each."""

from .activities import (
    Activity,
    ActivitySeries,
    Repeat,
    SkippedDate,
)
from .connections import (
    Connection,
    ConnectionKind,
    Outcome,
)
from .initiatives import (
    Initiative,
    Need,
    NeedStatus,
    PublicTask,
    Question,
    Status,
)
from .pledges import (
    GIVER_CATEGORIES,
    GIVER_KINDS,
    GiverKind,
    Pledge,
    PledgeKind,
)

__all__ = [
    "GIVER_CATEGORIES",
    "GIVER_KINDS",
    "Activity",
    "ActivitySeries",
    "Connection",
    "ConnectionKind",
    "GiverKind",
    "Initiative",
    "Need",
    "NeedStatus",
    "Outcome",
    "Pledge",
    "PledgeKind",
    "PublicTask",
    "Question",
    "Repeat",
    "SkippedDate",
    "Status",
]

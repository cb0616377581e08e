"""The indicators a gemeente can see, and how each is counted from what collectives record.

Every indicator is a *flow*: what happened in a month (new residents, new connections, hours
given …), so months add up to the year and buurten add up to wijken and the gemeente. That
keeps every published figure a plain sum, which is what suppression needs to reason about.
The counts here are raw and go to ``aggregates`` only; nothing else may show them.

``catalogue`` lists the indicators, ``cells`` counts them per share group (with the grouped
queries of ``grouping``), ``ties`` reads the connection log for new ties, first connections
and bridging. Import from here."""

from kring.people.models import Resident

from .catalogue import Indicator, all_indicators
from .cells import CARE_TASK, ENERGY_TASK, base_cells
from .grouping import BaseCells
from .ties import ConnectionLog, Tie, connection_log, first_ties, new_ties

__all__ = [
    "CARE_TASK",
    "ENERGY_TASK",
    "BaseCells",
    "ConnectionLog",
    "Indicator",
    "Tie",
    "all_indicators",
    "base_cells",
    "connection_log",
    "first_ties",
    "new_ties",
    "residents",
]


def residents():
    """Every resident record, for counting: the one door through which kring.impact reads
    persons (the import contract "impact reads persons only through its aggregation module")."""
    return Resident.objects.all()

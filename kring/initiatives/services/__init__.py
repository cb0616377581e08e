"""Every change to initiatives, activities, pledges and connections: one function each,
keyword-only arguments, one transaction. Anything naming a resident writes the audit log.

The app's one door for changes, split by part (``initiatives`` with their needs,
``activities`` with series and attendance, ``pledges``, ``connections``); this package names
everything it offers."""

from .activities import (
    EXCLUSION_NAME,
    MEETING_TIE_LIMIT,
    AttendanceResult,
    DoubleBooking,
    SeriesDoubleBooking,
    SeriesResult,
    delete_activity,
    delete_series,
    record_attendance,
    restore_date,
    save_activity,
    save_series,
)
from .connections import (
    connect_for_need,
    delete_connection,
    record_connection,
    record_outcome,
)
from .initiatives import (
    add_needs,
    create_initiative,
    delete_need,
    parse_needs,
    set_need_status,
    update_initiative,
)
from .pledges import (
    add_pledge,
    delete_pledge,
)

__all__ = [
    "EXCLUSION_NAME",
    "MEETING_TIE_LIMIT",
    "AttendanceResult",
    "DoubleBooking",
    "SeriesDoubleBooking",
    "SeriesResult",
    "add_needs",
    "add_pledge",
    "connect_for_need",
    "create_initiative",
    "delete_activity",
    "delete_connection",
    "delete_need",
    "delete_pledge",
    "delete_series",
    "parse_needs",
    "record_attendance",
    "record_connection",
    "record_outcome",
    "restore_date",
    "save_activity",
    "save_series",
    "set_need_status",
    "update_initiative",
]

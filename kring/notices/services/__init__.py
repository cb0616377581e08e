"""Every change notices make: preferences, finding the residents a new ask fits, sending
(claimed before it is sent, so never twice), and the follow-up of connections. One function
each, keyword-only arguments; anything about a resident writes the audit log.

The app's one door for changes, split by part (``links``, ``preferences``, ``fits``,
``sending``, ``followups``); this package names everything it offers."""

from .fits import (
    find_ask_fits,
    find_fits,
    prepare_notices,
)
from .followups import (
    FOLLOWED_KINDS,
    FOLLOWUP_WINDOW_DAYS,
    answer_followup,
    ask_followups,
)
from .links import (
    FOLLOWUP_SALT,
    PREFERENCE_SALT,
    followup_for_token,
    followup_token,
    preference_token,
    resident_for_token,
)
from .preferences import (
    forget_resident,
    set_followup_days,
    set_preference,
)
from .sending import (
    digest_moment,
    send_due,
)

__all__ = [
    "FOLLOWED_KINDS",
    "FOLLOWUP_SALT",
    "FOLLOWUP_WINDOW_DAYS",
    "PREFERENCE_SALT",
    "answer_followup",
    "ask_followups",
    "digest_moment",
    "find_ask_fits",
    "find_fits",
    "followup_for_token",
    "followup_token",
    "forget_resident",
    "preference_token",
    "prepare_notices",
    "resident_for_token",
    "send_due",
    "set_followup_days",
    "set_preference",
]

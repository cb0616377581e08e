"""Pages of the resident's own door ("Mijn Kring", under /mijn/) and the buurtmakers' list of
what residents wrote (/c/<collective>/bewoners-schrijven/).

In three parts: ``login`` (the personal log-in link and a password of one's own), ``mine``
(Mijn Kring: inzage, erasure, gifts, consents, asks, "ik help mee") and ``review`` (what
buurtmakers accept, decline or connect); this package names every page for the URLs."""

from .login import (
    LINK_BACKEND,
    NEXT_KEY,
    ask_link,
    link_sent,
    open_link,
    password,
)
from .mine import (
    ask_close,
    ask_new,
    asks,
    consents,
    erase,
    gift_edit,
    gift_new,
    gift_remove,
    help_ask,
    home,
    mine,
    my_data,
    my_data_json,
    my_data_pdf,
)
from .review import (
    ask_accept,
    ask_decline,
    connect,
    gift_accept,
    gift_decline,
    review,
    send_link,
)

__all__ = [
    "LINK_BACKEND",
    "NEXT_KEY",
    "ask_accept",
    "ask_close",
    "ask_decline",
    "ask_link",
    "ask_new",
    "asks",
    "connect",
    "consents",
    "erase",
    "gift_accept",
    "gift_decline",
    "gift_edit",
    "gift_new",
    "gift_remove",
    "help_ask",
    "home",
    "link_sent",
    "mine",
    "my_data",
    "my_data_json",
    "my_data_pdf",
    "open_link",
    "password",
    "review",
    "send_link",
]

"""What this app announces to apps above it (they listen; this app imports none of them).

``asks_opened`` is sent after the transaction that opened standalone burenhulp asks is
committed, with ``asks``: the list of Ask objects now open to the neighbourhood (posted
directly, or accepted by a buurtmaker without an initiative). An ask that becomes a need of an
initiative is announced by ``kring.initiatives.signals.needs_created`` instead, so it is told
once. Higher apps react to it, e.g. to tell residents whose gifts fit (kring.notices)."""

from django.db import transaction
from django.dispatch import Signal

asks_opened = Signal()


def announce_asks(asks) -> None:
    """Send ``asks_opened`` once the current transaction commits (at once outside one)."""
    asks = [a for a in asks if a.pk and a.need_id is None]
    if asks:
        transaction.on_commit(lambda: asks_opened.send(sender=asks[0].__class__, asks=asks))

"""What this app announces to apps above it (they listen; this app imports none of them).

``needs_created`` is sent after the transaction that saved new needs is committed, with
``needs``: the list of new Need objects (bulk-made needs send no post_save). Higher apps react
to it, e.g. to tell residents whose gifts fit (kring.notices)."""

from django.db import transaction
from django.dispatch import Signal

needs_created = Signal()


def announce_needs(needs) -> None:
    """Send ``needs_created`` once the current transaction commits (at once outside one)."""
    needs = [n for n in needs if n.pk]
    if needs:
        transaction.on_commit(lambda: needs_created.send(sender=needs[0].__class__, needs=needs))

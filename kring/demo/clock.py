"""The demo's clock: the demo lives its year through the project's own services, and every
service stamps what it writes with ``django.utils.timezone.now()`` (auto_now_add fields, the
audit log, consent, history). Setting this clock makes each service believe it runs on the
day the demo's event happens, so the stamps are exactly what real use on that day would
leave. Only the demo builder uses it, in its own process, one event after another."""

import datetime
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


class DemoClock:
    def __init__(self):
        self.moment: datetime.datetime | None = None
        self._real_now = timezone.now

    def now(self) -> datetime.datetime:
        return self.moment if self.moment is not None else self._real_now()

    def set(self, moment: datetime.datetime | None) -> None:
        """Move the clock to ``moment`` (aware); None gives the real time back."""
        self.moment = moment


@contextmanager
def demo_clock():
    clock = DemoClock()
    # timezone.localdate() and localtime() look up now() in their own module, as do model
    # fields and the libraries Kring uses, so replacing that one name moves them all.
    with mock.patch.object(timezone, "now", clock.now):
        yield clock

"""One collective's year: the state its plan (``Planning``) and its acts (``Acts``) share: the
collective, its builders' access, its buurten, the residents planned for it and the assets
mapped so far, and one random stream seeded by the collective, so every run makes the same
year."""

import datetime
import random
from collections.abc import Callable

from shapely.geometry import shape

from kring.assets.models import Asset
from kring.communities.access import CollectiveAccess
from kring.initiatives.models import PublicTask

from ..residents import PlannedResident, plan_residents
from .acts import Acts
from .planning import Planning


# The planning is in ``Planning``, what each event does in ``Acts``; this holds what both use.
class CollectiveYear(Planning, Acts):
    """Plans the events of one collective; ``events()`` hands them to the builder."""

    def __init__(
        self,
        spec: dict,
        *,
        collective,
        memberships,
        municipality,
        faker_class,
        first_day: datetime.date,
        today: datetime.date,
        scale: float,
    ):
        self.spec = spec
        self.collective = collective
        self.municipality = municipality
        self.rng = random.Random(spec["seed"])
        self.fake = faker_class("nl_NL")
        self.fake.seed_instance(spec["seed"])
        self.first_day = first_day
        self.today = today
        self.scale = scale
        self.access = {
            m.user.pk: CollectiveAccess(user=m.user, collective=collective, membership=m)
            for m in memberships
            if m.role in ("beheerder", "buurtmaker")
        }
        self.builders = [m.user for m in memberships if m.role in ("beheerder", "buurtmaker")]
        self.admin = next(self.access[m.user.pk] for m in memberships if m.role == "beheerder")
        self.buurten = list(collective.working_area.order_by("code"))
        self.by_code = {b.code: b for b in self.buurten}
        self.shapes = {b.code: shape(b.boundary) for b in self.buurten}
        linked = next((m.user for m in memberships if m.role == "lid"), None)
        self.people: list[PlannedResident] = plan_residents(
            spec,
            count=max(12, round(spec["residents"] * scale)),
            collective=collective,
            buurten=self.buurten,
            builders=self.builders,
            rng=self.rng,
            fake=self.fake,
            first_day=first_day,
            today=today,
            linked_user=linked,
        )
        self.assets: dict[str, Asset] = {}
        self.tasks = {t.name: t for t in PublicTask.objects.all()}
        self._events: list[tuple[datetime.datetime, Callable[[], None]]] = []

    def _builder(self) -> CollectiveAccess:
        return self.access[self.rng.choice(self.builders).pk]

    def _known_on(self, day: datetime.date, *, purpose: str | None = None):
        """Residents already in Kring on ``day`` (optionally with a consent)."""
        return [
            p for p in self.people if p.day < day and (purpose is None or purpose in p.purposes)
        ]

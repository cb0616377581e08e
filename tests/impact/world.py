"""A small gemeente for the impact tests: two wijken of two buurten, three collectives that
share with it, and residents entered in chosen months (some counts small on purpose)."""

import datetime
import random

from django.utils import timezone

from kring.impact.models import ShareGroup, SharingChoice
from kring.people.models import Resident

from .. import factories

YEAR = 2025


def make_world(municipality, *, seed: int = 7, share: bool = True) -> dict:
    rng = random.Random(seed)
    wijken = [
        factories.DistrictFactory(
            municipality=municipality, code=f"WK0599{n:02d}", name=f"Wijk {n}"
        )
        for n in (21, 22)
    ]
    buurten = [
        factories.NeighbourhoodFactory(
            district=w, code=f"BU{w.code[2:]}{k:02d}", name=f"Buurt {w.code[-2:]}{k}"
        )
        for w in wijken
        for k in (1, 2)
    ]
    collectives = [
        factories.CollectiveFactory(
            name=f"Collectief {c}", slug=f"impact-{c}", municipality=municipality
        )
        for c in "abc"
    ]
    for c in collectives:
        c.working_area.add(*buurten)
        if share:
            SharingChoice.objects.create(
                collective=c, municipality=municipality, groups=list(ShareGroup.values)
            )
    made = []
    for c in collectives:
        for b in buurten:
            for month in rng.sample(range(1, 13), 4):
                # Mostly large enough to show, some small: 1-4 or 12-30.
                n = rng.choice([rng.randint(1, 4), rng.randint(12, 30), rng.randint(12, 30)])
                when = timezone.make_aware(datetime.datetime(YEAR, month, 15, 12))
                batch = Resident.objects.bulk_create(
                    Resident(collective=c, name=f"Bewoner {c.slug} {i}", neighbourhood=b)
                    for i in range(n)
                )
                Resident.objects.filter(pk__in=[r.pk for r in batch]).update(created_at=when)
                made.append((c.pk, b.pk, month, n))
    return {"wijken": wijken, "buurten": buurten, "collectives": collectives, "cells": made}


def square(x: float, y: float, size: float = 0.01) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
    }


def add_a_year(made: dict, *, seed: int = 11) -> None:
    """A lived year on top of ``make_world``: boundaries for the buurten, initiatives (one for
    "zorg en welzijn", one for "energietransitie"), activities with hours in most months and
    connections between residents, so every trend line and the map have something to show."""
    from kring.initiatives.models import (
        Activity,
        Connection,
        ConnectionKind,
        Initiative,
        PublicTask,
    )

    rng = random.Random(seed)
    for n, buurt in enumerate(made["buurten"]):
        buurt.boundary = square(4.46 + 0.01 * (n % 2), 51.91 + 0.01 * (n // 2))
        buurt.save()
    care = PublicTask.objects.get_or_create(name="zorg en welzijn")[0]
    energy = PublicTask.objects.get_or_create(name="energietransitie")[0]
    for c in made["collectives"]:
        buurt = made["buurten"][c.pk % len(made["buurten"])]
        plain = factories.InitiativeFactory(collective=c, neighbourhood=buurt)
        caring = factories.InitiativeFactory(collective=c, neighbourhood=buurt)
        caring.tasks.add(care)
        saving = factories.InitiativeFactory(collective=c, neighbourhood=buurt)
        saving.tasks.add(energy)
        rows = []
        for month in range(2, 13):
            for initiative, count, hours in ((plain, 8, 3), (caring, 13, 2), (saving, 12, 1)):
                for day in range(rng.randint(count - 2, count + 2)):
                    rows.append(
                        Activity(
                            collective=c,
                            initiative=initiative,
                            title=f"Activiteit {month}-{day}",
                            date=datetime.date(YEAR, month, 1 + day),
                            start_time="10:00",
                            end_time="12:00",
                            hours_given=hours,
                        )
                    )
        Activity.objects.bulk_create(rows)
        people = list(Resident.objects.filter(collective=c).order_by("pk"))
        ties = []
        for month in range(1, 13):
            for _ in range(rng.randint(6, 16) + month):
                a, b = rng.sample(people, 2)
                ties.append(
                    Connection(
                        collective=c,
                        resident=a,
                        other_resident=b,
                        kind=ConnectionKind.INTRODUCED,
                        happened_on=datetime.date(YEAR, month, rng.randint(1, 28)),
                    )
                )
        Connection.objects.bulk_create(ties)
        # Initiatives for the two opgaven through the year (most months small, so hidden).
        for task in (care, energy):
            for month in rng.sample(range(1, 13), 8):
                started = factories.InitiativeFactory(collective=c, neighbourhood=buurt)
                started.tasks.add(task)
                Initiative.objects.filter(pk=started.pk).update(
                    created_at=timezone.make_aware(datetime.datetime(YEAR, month, 10, 12))
                )

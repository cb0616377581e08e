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

"""How long the erase page takes to find the texts that name a resident ("Erasure with
care"), in a large collective, with an equally large other collective beside it.

Measured: ``find_mentions`` (every registered text place of the collective read once, each
text matched against the name in Python). Baseline, in the same run: only reading the same
fields of the same collective (the queries without the matching), so the ratio is what the
matching adds. The query count must not grow with the other collective.
"""

import random

from django.db import connection

from bench.registry import benchmark, summary, timings_ms

SIZES = {
    # assets, initiatives (each with 2 needs and an activity), connections, per collective
    "small": (300, 30, 100),
    "full": (20_000, 2_000, 10_000),
}
NAME = "Noor van der Berg"
WORDS = [
    "buurt",
    "tuin",
    "koken",
    "fiets",
    "samen",
    "helpen",
    "school",
    "markt",
    "wandelen",
    "lezen",
    "muziek",
    "sport",
    "water",
    "poort",
    "sleutel",
    "bank",
    "plein",
    "zomer",
    "winter",
    "feest",
    "buren",
    "kinderen",
    "ouderen",
    "taal",
    "koffie",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def fill(collective, *, assets, initiatives, connections, rng, mentions: int) -> None:
    from kring.assets.models import Asset
    from kring.initiatives.models import Activity, Connection, Initiative, Need
    from kring.people.models import Resident

    residents = Resident.objects.bulk_create(
        Resident(collective=collective, name=f"Bewoner {i}") for i in range(50)
    )
    Asset.objects.bulk_create(
        (
            Asset(
                collective=collective,
                category="association",
                title=_text(rng, 3),
                description=_text(rng, 40) + (f" Vraag {NAME}." if i < mentions else ""),
                contact=_text(rng, 2),
                visibility="leden",
            )
            for i in range(assets)
        ),
        batch_size=2000,
    )
    made = Initiative.objects.bulk_create(
        (
            Initiative(
                collective=collective,
                title=_text(rng, 4),
                description=_text(rng, 60),
                status="loopt",
            )
            for _ in range(initiatives)
        ),
        batch_size=2000,
    )
    Need.objects.bulk_create(
        (
            Need(initiative=initiative, text=_text(rng, 8), question="met_hulp")
            for initiative in made
            for _ in range(2)
        ),
        batch_size=2000,
    )
    Activity.objects.bulk_create(
        (
            Activity(
                collective=collective,
                initiative=initiative,
                title=_text(rng, 3),
                date="2026-06-01",
                start_time="10:00",
                end_time="12:00",
            )
            for initiative in made
        ),
        batch_size=2000,
    )
    Connection.objects.bulk_create(
        (
            Connection(
                collective=collective,
                resident=residents[i % 50],
                other_resident=residents[(i + 1) % 50],
                kind="ontmoet",
                happened_on="2026-06-01",
                note=_text(rng, 10),
            )
            for i in range(connections)
        ),
        batch_size=2000,
    )


def _read_only(collective) -> None:
    """The baseline: the same rows and fields, read without matching."""
    from kring.privacy.text_places import PLACES

    for place in PLACES:
        rows = place.model_class()._base_manager.filter(**{place.collective: collective.pk})
        for _row in rows.order_by("pk").values_list("pk", *place.fields):
            pass


@benchmark("erasure_mentions")
def run(size: str = "full", out=None) -> dict:
    from kring.communities.models import Collective
    from kring.geo.models import Municipality
    from kring.privacy.mentions import find_mentions

    assets, initiatives, connections = SIZES[size]
    repeat = 5 if size == "small" else 3
    rng = random.Random(18)
    municipality = Municipality.objects.create(code="GM0002", name="Wisstad", year=2025)
    measured = Collective.objects.create(name="Gemeten", slug="gemeten", municipality=municipality)
    fill(
        measured,
        assets=assets,
        initiatives=initiatives,
        connections=connections,
        rng=rng,
        mentions=10,
    )
    other = Collective.objects.create(name="Ernaast", slug="ernaast", municipality=municipality)
    fill(
        other,
        assets=assets,
        initiatives=initiatives,
        connections=connections,
        rng=rng,
        mentions=10,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        found = find_mentions(collective=measured, name=NAME)
    baseline = timings_ms(lambda: _read_only(measured), repeat)
    times = timings_ms(lambda: find_mentions(collective=measured, name=NAME), repeat)
    texts = assets * 3 + initiatives * 5 + connections
    ratio = sorted(times)[len(times) // 2] / sorted(baseline)[len(baseline) // 2]
    print(
        f"   one collective of {assets} assets, {initiatives} initiatives (2 needs, 1 activity "
        f"each), {connections} connections (about {texts} texts), another as large beside it",
        file=out,
    )
    print(f"   read only (baseline) {summary(baseline)}", file=out)
    print(
        f"   find mentions        {summary(times)}  ({count[0]} queries, {len(found)} found)  "
        f"ratio to baseline {ratio:.2f}",
        file=out,
    )
    return {"found": len(found), "queries": count[0], "ratio": ratio, "texts": texts}

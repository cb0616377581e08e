"""How fast a collective's own pages stay when the whole country shares one installation.

Baseline: the pages of one collective while it is alone in the database. Then the rest of the
country is added (1,000 collectives in all at full size) and the same pages of the same
collective are measured again. Scoping by collective and the indexes should keep the ratio
near 1: a collective's pages must not slow down because others exist.
"""

import random
import time

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.registry import benchmark, summary, timings_ms

SIZES = {
    # collectives, residents per collective, gifts per resident, other assets per collective
    "small": (4, 30, 2, 10),
    "full": (1000, 150, 3, 50),
}
WORDS = [
    "fietsen",
    "repareren",
    "koken",
    "bakken",
    "tuinieren",
    "naaien",
    "luisteren",
    "computerles",
    "taal",
    "uitleggen",
    "zingen",
    "muziek",
    "schilderen",
    "klussen",
    "verhalen",
    "vertellen",
    "boekhouden",
    "oppassen",
    "wandelen",
    "sporten",
]


def populate(index: int, residents: int, gifts: int, others: int, municipality, neighbourhoods):
    from kring.assets.models import Asset
    from kring.communities.models import Collective
    from kring.people.models import Consent, Resident

    rng = random.Random(index)
    collective = Collective.objects.create(
        name=f"Collectief {index}",
        slug=f"c{index}",
        kind="wijkcentrum",
        legal_form="stichting",
        municipality=municipality,
    )
    collective.working_area.set(neighbourhoods)
    people = Resident.objects.bulk_create(
        Resident(
            collective=collective,
            name=f"Bewoner {index}-{n}",
            email=f"b{index}-{n}@example.org",
            neighbourhood=rng.choice(neighbourhoods),
        )
        for n in range(residents)
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        Consent(resident=r, purpose=purpose, given_at=now, method="digitaal")
        for r in people
        for purpose in ("inventaris", "leden")
        if purpose == "inventaris" or rng.random() < 0.6
    )
    assets = [
        Asset(
            collective=collective,
            category="gift",
            resident=r,
            gift_kind=rng.choice(["hoofd", "handen", "hart"]),
            title=" ".join(rng.sample(WORDS, 2)),
            visibility=rng.choice(["leden", "buurtmakers"]),
            neighbourhood=r.neighbourhood,
        )
        for r in people
        for _ in range(gifts)
    ]
    categories = ["association", "institution", "place", "economy", "story"]
    assets += [
        Asset(
            collective=collective,
            category=rng.choice(categories),
            title=f"Bron {index}-{n}",
            visibility=rng.choice(["leden", "openbaar"]),
            neighbourhood=rng.choice(neighbourhoods),
            institution_type="school",
        )
        for n in range(others)
    ]
    for asset in assets:
        if asset.category != "institution":
            asset.institution_type = ""
    Asset.objects.bulk_create(assets, batch_size=2000)
    return collective


def measure(collective, users, repeat: int, out) -> dict[str, list[float]]:
    from kring.assets.models import Asset

    builder, member = users
    gift = Asset.objects.filter(collective=collective, category="gift").first()
    pages = {
        "overview": (builder, reverse("communities:overview", args=[collective.slug])),
        "gift list": (builder, reverse("assets:list", args=[collective.slug, "gift"])),
        "gift search": (
            builder,
            reverse("assets:list", args=[collective.slug, "gift"]) + "?q=fietsen",
        ),
        "residents": (builder, reverse("people:list", args=[collective.slug])),
        "residents (member)": (member, reverse("people:list", args=[collective.slug])),
        "gift detail": (builder, reverse("assets:detail", args=[collective.slug, gift.pk])),
    }
    results = {}
    clients = {}
    for name, (user, url) in pages.items():
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)

        def get(client=client, url=url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        # Count every statement the page sends. request_started empties Django's query log
        # (and the log is only kept with DEBUG), so a wrapper around execution counts instead.
        counted = []

        def count(execute, sql, params, many, context, counted=counted):
            counted.append(sql)
            return execute(sql, params, many, context)

        get()  # the first request also fills per-process caches; count a usual one
        with connection.execute_wrapper(count):
            get()
        results[name] = (timings_ms(get, repeat), len(counted))
    return results


@benchmark("collective_pages")
def run(*, size: str, out) -> dict:
    from kring.communities.models import Membership
    from kring.core.models import User
    from kring.geo.models import District, Municipality, Neighbourhood

    n_collectives, residents, gifts, others = SIZES[size]
    repeat = 20 if size == "full" else 3
    municipality = Municipality.objects.create(code="GM9998", name="Benchstad", year=2025)
    district = District.objects.create(
        code="WK999801", name="Wijk", year=2025, municipality=municipality
    )
    neighbourhoods = [
        Neighbourhood.objects.create(
            code=f"BU999801{n:02d}", name=f"Buurt {n}", year=2025, district=district
        )
        for n in range(10)
    ]
    target = populate(0, residents, gifts, others, municipality, neighbourhoods)
    builder = User.objects.create_user("bouwer@example.org", "x", name="Bouwer")
    member = User.objects.create_user("lid@example.org", "x", name="Lid")
    Membership.objects.create(user=builder, collective=target, role="buurtmaker")
    Membership.objects.create(user=member, collective=target, role="lid")

    alone = measure(target, (builder, member), repeat, out)
    started = time.perf_counter()
    for index in range(1, n_collectives):
        populate(index, residents, gifts, others, municipality, neighbourhoods)
    from kring.assets.models import Asset
    from kring.people.models import Resident

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    out.write(
        f"   country: {n_collectives} collectives, {Resident.objects.count():,} residents, "
        f"{Asset.objects.count():,} assets (made in {time.perf_counter() - started:.0f} s)\n"
    )
    country = measure(target, (builder, member), repeat, out)
    figures = {}
    out.write(
        f"   {'page':20} {'alone (baseline)':>38}   {'in the whole country':>38}  ratio  queries\n"
    )
    for name, (times, queries) in country.items():
        base_times, base_queries = alone[name]
        ratio = (sum(times) / len(times)) / (sum(base_times) / len(base_times))
        figures[name] = {"ratio": ratio, "queries": queries, "baseline_queries": base_queries}
        out.write(
            f"   {name:20} {summary(base_times)}   {summary(times)}  {ratio:5.2f}  {base_queries}→{queries}\n"
        )
    return figures

"""How the self-scan's pages behave when a gemeente has many colleagues filling in, and the
installation holds many gemeenten.

Three states of the same pages (start page, results, comparison) of one gemeente: "few" (3
handed-in responses a round), "alone" (many responses a round, still the only gemeente) and
"country" (many other gemeenten with their own rounds added). Scores come from one grouped
query per round: the number of queries must not change, "country" should stay near "alone"
(other gemeenten's answers cost nothing), and "alone" shows what a gemeente's own size costs.
"""

import importlib
import random

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.registry import benchmark, summary, timings_ms

SIZES = {
    # other gemeenten, responses per round for them, responses per round for the measured one
    "small": (3, 3, 12),
    "full": (300, 15, 200),
}
ROUNDS = 2


def add_rounds(municipality, responses: int, rng: random.Random, statements) -> list:
    from kring.selfscan.models import Answer, Response, ScanRound

    rounds = []
    for index in range(ROUNDS):
        last = index == ROUNDS - 1
        started = timezone.localdate() - timezone.timedelta(days=365 * (ROUNDS - index))
        scan_round = ScanRound.objects.filter(municipality=municipality, started_on=started).first()
        if scan_round is None:
            scan_round = ScanRound.objects.create(
                municipality=municipality,
                name=f"Ronde {index + 1}",
                started_on=started,
                closed_on=None if last else started + timezone.timedelta(days=30),
            )
        made = Response.objects.bulk_create(
            Response(round=scan_round, submitted_at=timezone.now()) for _ in range(responses)
        )
        Answer.objects.bulk_create(
            (
                Answer(response=response, statement=statement, value=rng.randint(1, 5))
                for response in made
                for statement in statements
            ),
            batch_size=5000,
        )
        rounds.append(scan_round)
    return rounds


def measure(client, urls: dict, repeat: int) -> dict:
    figures = {}
    for name, url in urls.items():
        # Counted by a wrapper around the cursor, which works whether or not Django keeps
        # its query log (DEBUG) in this process.
        count = [0]

        def counter(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            assert client.get(url).status_code == 200, url
        times = timings_ms(lambda url=url: client.get(url), repeat)
        figures[name] = {"times": times, "queries": count[0]}
    return figures


def _p50(figure: dict) -> float:
    times = sorted(figure["times"])
    return times[len(times) // 2]


def _analyze() -> None:
    if connection.vendor == "postgresql":
        # As autovacuum would after a bulk load: fresh planner statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@benchmark("selfscan")
def run(size: str = "full", out=None) -> dict:
    from kring.core.models import User
    from kring.geo.models import Municipality
    from kring.selfscan.models import Statement

    others, other_responses, own_responses = SIZES[size]
    repeat = 10 if size == "small" else 30
    rng = random.Random(5)
    if not Statement.objects.exists():
        # A flushed benchmark database lost the starter set: put it back as the migration does.
        from django.apps import apps

        importlib.import_module("kring.selfscan.migrations.0002_starter_themes").add_themes(
            apps, None
        )
    statements = list(Statement.objects.all())
    municipality = Municipality.objects.create(code="GM0001", name="Meetstad", year=2025)
    official = User.objects.create_user(
        email="meet@example.org", name="Meet", municipality=municipality
    )
    before, after = add_rounds(municipality, 3, rng, statements)
    client = Client()
    client.force_login(official)
    urls = {
        "start page": reverse("selfscan:index"),
        "results": reverse("selfscan:results", kwargs={"round": after.pk}),
        "comparison": reverse("selfscan:compare") + f"?before={before.pk}&after={after.pk}",
    }
    few = measure(client, urls, repeat)
    add_rounds(municipality, own_responses - 3, rng, statements)
    _analyze()
    baseline = measure(client, urls, repeat)
    for index in range(others):
        other = Municipality.objects.create(
            code=f"GM{1000 + index:04d}", name=f"Gemeente {index}", year=2025
        )
        add_rounds(other, other_responses, rng, statements)
    _analyze()
    loaded = measure(client, urls, repeat)
    print(
        f"   few: 3 responses a round; alone: {own_responses} a round, the only gemeente; "
        f"country: plus {others} other gemeenten with {other_responses} a round; "
        f"{len(statements)} statements",
        file=out,
    )
    figures = {}
    for name in urls:
        a, b, c = few[name], baseline[name], loaded[name]
        print(f"   {name:<11} few     {summary(a['times'])}  ({a['queries']} queries)", file=out)
        print(
            f"   {'':<11} alone   {summary(b['times'])}  ({b['queries']} queries)  "
            f"ratio to few {_p50(b) / _p50(a):.2f}",
            file=out,
        )
        ratio = _p50(c) / _p50(b)
        print(
            f"   {'':<11} country {summary(c['times'])}  ({c['queries']} queries)  "
            f"ratio to alone {ratio:.2f}",
            file=out,
        )
        figures[name] = {
            "ratio": ratio,
            "growth": _p50(b) / _p50(a),
            "queries": c["queries"],
            "baseline_queries": a["queries"],
        }
    return figures

"""Matching again on the 1,000,000 gifts an earlier ``matching`` run left in its PostgreSQL
database (making them takes minutes; these take seconds), for trying a change of the search:

- ``matching-kept``: Kring and PostgreSQL FTS timed need by need as ``matching`` does (the same
  1,000 needs, drawn as it draws them), three rounds, each with its ratio of the p95s.
- ``matching-results``: the top 10 (asset, score, reasons, summary) of 4,000 searches written to
  var/matching-results.json (2,000 needs, each with and without a buurt): run it before and
  after a change that must not change results, and compare the two files (``cmp``).

Run: KRING_BENCH_DATABASE_URL=... python -m bench --size full matching   (once, makes the data)
     KRING_BENCH_DATABASE_URL=... python -m bench --size full matching-kept matching-results
"""

import json
import os
import random
import statistics

from django.db import connection

from bench import relevance
from bench.matching import _timed, _typo
from bench.registry import ROOT, benchmark, percentile


def _collectives():
    from kring.communities.models import Collective

    return list(Collective.objects.filter(slug__regex=r"^m[0-9]+$").order_by("pk"))


def _needs(collectives, n: int, seed: int) -> list:
    """``n`` needs drawn as ``bench.matching.run`` draws its 1,000 (seed 2 gives the same)."""
    from kring.geo.models import Neighbourhood

    rng = random.Random(seed)
    texts = [need["text"] for need in relevance.load()["needs"]]
    texts += [_typo(t, rng) for t in texts[::10]]
    buurten = list(Neighbourhood.objects.filter(code__startswith="BU9996"))
    return [(rng.choice(collectives), rng.choice(texts), rng.choice(buurten)) for _ in range(n)]


def _kept(out):
    collectives = _collectives()
    if connection.vendor != "postgresql" or not collectives:
        out.write(
            "   needs the data of a `matching` run on PostgreSQL (KRING_BENCH_DATABASE_URL)\n"
        )
        return None
    return collectives


@benchmark("matching-kept")
def timed(*, size: str, out) -> dict:
    from kring.matching import search

    collectives = _kept(out)
    if collectives is None:
        return {}
    needs = _needs(collectives, 1000 if size == "full" else 50, 2)
    search(collective=needs[0][0], text=needs[0][1])  # warm caches, as a running server is
    relevance.ensure_fts_index()
    systems = {
        "engine": lambda c, t, b: search(collective=c, text=t, neighbourhood=b),
        "fts": lambda c, t, b: list(relevance.fts_queryset(c, t)[:10]),
    }
    figures = {}
    for turn in range(3):
        wall, cpu = _timed(systems, needs)
        ratio = percentile(wall["engine"], 95) / percentile(wall["fts"], 95)
        cpu_ratio = percentile(cpu["engine"], 95) / percentile(cpu["fts"], 95)
        out.write(
            f"   round {turn + 1}: Kring p50 {statistics.median(wall['engine']):.2f} ms  p95 "
            f"{percentile(wall['engine'], 95):.2f} ms (CPU p95 {percentile(cpu['engine'], 95):.2f}); "
            f"FTS p50 {statistics.median(wall['fts']):.2f} ms  p95 "
            f"{percentile(wall['fts'], 95):.2f} ms (CPU p95 {percentile(cpu['fts'], 95):.2f}) "
            f"-> p95 {ratio:.2f}x, CPU p95 {cpu_ratio:.2f}x; load average {os.getloadavg()[0]:.1f}\n"
        )
        figures[f"p95_vs_fts_{turn + 1}"] = ratio
        figures[f"cpu_p95_vs_fts_{turn + 1}"] = cpu_ratio
    return figures


@benchmark("matching-results")
def results(*, size: str, out) -> dict:
    from kring.matching import search

    collectives = _kept(out)
    if collectives is None:
        return {}
    count = 1000 if size == "full" else 50
    lists = []
    for collective, text, buurt in _needs(collectives, count, 2) + _needs(collectives, count, 3):
        for neighbourhood in (buurt, None):
            matches = search(collective=collective, text=text, neighbourhood=neighbourhood)
            lists.append(
                [
                    collective.slug,
                    text,
                    neighbourhood and neighbourhood.code,
                    [[m.asset.pk, m.score, m.reasons, m.summary] for m in matches],
                ]
            )
    path = ROOT / "var" / "matching-results.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(lists, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    shown = sum(len(found) for *_rest, found in lists)
    out.write(f"   {len(lists):,} result lists, {shown:,} results written to {path.name}\n")
    return {"lists": len(lists), "results": shown}

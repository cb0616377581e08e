"""How well matching finds the right gifts: a labelled Dutch set (bench/data/relevance_nl.json)
of needs, each with the gifts that should answer it, worded differently on purpose (synonyms,
word forms, compounds, other word order). A collective is built from it with distractor gifts
around the labelled ones; recall@10 and nDCG@10 are printed. tests/matching asserts recall."""

import importlib
import json
import math
import random
from pathlib import Path

from bench.registry import benchmark

DATA = Path(__file__).resolve().parent / "data" / "relevance_nl.json"
SIZES = {"small": 150, "full": 1000}  # distractor gifts


def load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def starter_synonyms() -> None:
    """A flushed benchmark database (PostgreSQL's is reused between runs) lost the starter
    synonyms: put them back as the migration does, so the engine searches as it does in use."""
    from django.apps import apps

    from kring.matching.models import SynonymGroup

    if not SynonymGroup.objects.exists():
        importlib.import_module("kring.matching.migrations.0003_starter_synonyms").add(apps, None)


def build_collective(distractors: int, seed: int = 8):
    """A collective with one resident per labelled gift (all consenting to matching) and
    distractor gifts made of unrelated hobbies; returns (collective, {label: asset_id})."""
    from django.utils import timezone

    from kring.assets.models import Asset
    from kring.communities.models import Collective
    from kring.geo.models import Municipality
    from kring.matching.services import rebuild_search_index
    from kring.people.models import Consent, Resident

    starter_synonyms()
    data = load()
    rng = random.Random(seed)
    municipality, _ = Municipality.objects.get_or_create(
        code="GM9997", defaults={"name": "Relevantiestad", "year": 2025}
    )
    collective = Collective.objects.create(
        name="Relevantie",
        slug=f"relevantie-{rng.randrange(10**9)}",
        kind="wijkcentrum",
        legal_form="stichting",
        municipality=municipality,
    )
    titles = list(data["gifts"].items())
    words = data["distractor_words"]
    titles += [
        (None, " ".join(rng.sample(words, rng.randint(2, 4))).capitalize())
        for _ in range(distractors)
    ]
    residents = Resident.objects.bulk_create(
        Resident(collective=collective, name=f"Bewoner {n}") for n in range(len(titles))
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        Consent(resident=r, purpose=p, given_at=now, method="digitaal")
        for r in residents
        for p in ("inventaris", "verbinden")
    )
    assets = Asset.objects.bulk_create(
        Asset(
            collective=collective,
            category="gift",
            resident=r,
            gift_kind="handen",
            title=title,
            availability="nu",
            visibility="leden",
        )
        for r, (_label, title) in zip(residents, titles, strict=True)
    )
    rebuild_search_index(collective=collective)
    labels = {label: a.pk for a, (label, _t) in zip(assets, titles, strict=True) if label}
    return collective, labels


def evaluate(collective, labels, k: int = 10) -> dict:
    from kring.matching import search

    data = load()
    recalls, ndcgs, misses = [], [], []
    for need in data["needs"]:
        relevant = {labels[r] for r in need["relevant"]}
        found = [m.asset.pk for m in search(collective=collective, text=need["text"], limit=k)]
        hits = relevant & set(found)
        recalls.append(len(hits) / len(relevant))
        dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(found) if pk in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
        ndcgs.append(dcg / ideal)
        if len(hits) < len(relevant):
            misses.append(need["text"])
    return {
        "needs": len(recalls),
        "recall": sum(recalls) / len(recalls),
        "ndcg": sum(ndcgs) / len(ndcgs),
        "misses": misses,
    }


@benchmark("relevance")
def run(*, size: str, out) -> dict:
    collective, labels = build_collective(SIZES[size])
    figures = evaluate(collective, labels)
    out.write(
        f"   {figures['needs']} needs, {len(labels)} labelled gifts + {SIZES[size]} distractors\n"
        f"   recall@10 {figures['recall']:.3f}   nDCG@10 {figures['ndcg']:.3f}\n"
    )
    for text in figures["misses"]:
        out.write(f"   not (all) found: {text}\n")
    return figures

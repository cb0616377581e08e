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


SECOND = Path(__file__).resolve().parent / "data" / "relevance_nl_second.json"
# A third set in the second's format, written before the engine was tuned on it.
THIRD = Path(__file__).resolve().parent / "data" / "relevance_nl_third.json"
# A fourth, written from neighbourhood life before the engine was run on it.
FOURTH = Path(__file__).resolve().parent / "data" / "relevance_nl_fourth.json"
# The collective's name and slug word per set.
SET_NAMES = {SECOND: "twee", THIRD: "drie", FOURTH: "vier"}
KINDS = ("related", "typo", "english", "institution", "plain")


def load_second(path: Path = SECOND) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def build_second_collective(distractors: int, seed: int = 19, path: Path = SECOND):
    """The second set's collective: its labelled gifts (each from a resident with a first name,
    consenting to matching), institutions and associations, its own short and long distractor
    gifts, and ``distractors`` more made of unrelated hobbies. Returns (collective, {label: id})."""
    from django.utils import timezone

    from kring.assets.models import Asset
    from kring.communities.models import Collective
    from kring.geo.models import Municipality
    from kring.matching.services import rebuild_search_index
    from kring.people.models import Consent, Resident

    starter_synonyms()
    data = load_second(path)
    rng = random.Random(seed)
    municipality, _ = Municipality.objects.get_or_create(
        code="GM9997", defaults={"name": "Relevantiestad", "year": 2025}
    )
    collective = Collective.objects.create(
        name=f"Relevantie {SET_NAMES[path]}",
        slug=f"relevantie-{SET_NAMES[path]}-{rng.randrange(10**9)}",
        kind="wijkcentrum",
        legal_form="stichting",
        municipality=municipality,
    )
    rows = [(label, a) for label, a in data["assets"].items()]
    rows += [(None, {"category": "gift", "who": "", "title": t}) for t in data["distractors"]]
    words = load()["distractor_words"]
    rows += [
        (
            None,
            {
                "category": "gift",
                "who": "",
                "title": " ".join(rng.sample(words, rng.randint(2, 4))).capitalize(),
            },
        )
        for _ in range(distractors)
    ]
    gifts = [(label, a) for label, a in rows if a["category"] == "gift"]
    residents = Resident.objects.bulk_create(
        Resident(collective=collective, name=a["who"] or f"Bewoner {n}")
        for n, (_label, a) in enumerate(gifts)
    )
    now = timezone.now()
    Consent.objects.bulk_create(
        Consent(resident=r, purpose=p, given_at=now, method="digitaal")
        for r in residents
        for p in ("inventaris", "verbinden")
    )
    resident_of = {id(a): r for r, (_label, a) in zip(residents, gifts, strict=True)}
    assets = Asset.objects.bulk_create(
        Asset(
            collective=collective,
            category=a["category"],
            resident=resident_of.get(id(a)),
            gift_kind="handen" if a["category"] == "gift" else "",
            title=a["title"],
            description=a.get("description", ""),
            availability="nu" if a["category"] == "gift" else "",
            visibility="leden",
        )
        for _label, a in rows
    )
    rebuild_search_index(collective=collective)
    labels = {label: asset.pk for asset, (label, _a) in zip(assets, rows, strict=True) if label}
    return collective, labels


def kring_for_need(collective, need: dict, k: int) -> list[int]:
    """Kring as "Wie kan helpen?" runs it: the helpers of the kinds the need's question asks
    for first ("door instelling": institutions and associations; "met hulp": residents, as long
    as they fit nearly as well as the best helper of any kind), then every helper, without
    doubles (``first_for_question``, the same order the app's list uses)."""
    from kring.initiatives.selectors import (
        FIRST_FOR_QUESTION,
        FIRST_SHARE,
        HELPER_CATEGORIES,
        first_for_question,
    )
    from kring.matching import search

    def found(categories):
        return search(collective=collective, text=need["text"], limit=k, categories=categories)

    question = QUESTIONS[need.get("question", "met hulp")]
    first = FIRST_FOR_QUESTION.get(question)
    every = found(HELPER_CATEGORIES)
    if first:
        every = first_for_question(found(first), every, FIRST_SHARE.get(question, 0.0))[0]
    return [match.asset.pk for match in every][:k]


QUESTIONS = {"zelf": "zelf", "met hulp": "met_hulp", "door instelling": "instelling"}


def naive_for_need(collective, need: dict, k: int) -> list[int]:
    """A plain ORM search as the app would make it: any meaningful word ``icontains`` the title
    or description, within the collective, newest first."""
    from django.db.models import Q

    from kring.assets.models import Asset
    from kring.initiatives.selectors import HELPER_CATEGORIES
    from kring.matching import analysis

    condition = Q()
    for word in analysis.words(need["text"]) or [need["text"]]:
        condition |= Q(title__icontains=word) | Q(description__icontains=word)
    assets = Asset.objects.filter(collective=collective, category__in=HELPER_CATEGORIES)
    return list(assets.filter(condition).order_by("-created_at").values_list("pk", flat=True)[:k])


def fts_queryset(collective, text: str):
    """PostgreSQL full-text search as a Django team would write it: websearch_to_tsquery with
    the Dutch configuration against the title and description (GIN index, see
    ``ensure_fts_index``), ranked with ts_rank_cd, within the collective."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    from kring.assets.models import Asset
    from kring.initiatives.selectors import HELPER_CATEGORIES

    vector = fts_vector()
    query = SearchQuery(text, search_type="websearch", config="dutch")
    return (
        Asset.objects.annotate(rank=SearchRank(vector, query, cover_density=True))
        .filter(collective=collective, category__in=HELPER_CATEGORIES)
        .alias(document=vector)
        .filter(document=query)
        .order_by("-rank", "pk")
    )


def fts_vector():
    from django.contrib.postgres.search import SearchVector

    return SearchVector("title", "description", config="dutch")


FTS_INDEX = "bench_asset_fts_dutch"


def ensure_fts_index() -> None:
    """The GIN index the peer's query uses (made here for the benchmark, not by a migration)."""
    from django.contrib.postgres.indexes import GinIndex
    from django.db import connection

    from kring.assets.models import Asset

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [FTS_INDEX])
        if cursor.fetchone():
            return
        # Inside a transaction that just wrote assets (the tests), their deferred foreign key
        # checks must run before the table can be indexed.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        editor.add_index(Asset, GinIndex(fts_vector(), name=FTS_INDEX))


def drop_fts_index() -> None:
    """Before writing a new data set: an index kept up through a million inserts carries a
    long pending list and answers slower than one made afterwards, as a team would make it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {FTS_INDEX}")


def fts_for_need(collective, need: dict, k: int) -> list[int]:
    return list(fts_queryset(collective, need["text"]).values_list("pk", flat=True)[:k])


def systems() -> dict:
    from django.db import connection

    result = {"kring": kring_for_need}
    if connection.vendor == "postgresql":
        ensure_fts_index()
        result["postgresql fts"] = fts_for_need
    result["naive icontains"] = naive_for_need
    return result


def scores(found: list[int], relevant: set[int], k: int = 10) -> dict:
    top = found[:k]
    rank = next((i for i, pk in enumerate(top) if pk in relevant), None)
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(top) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return {
        "recall@10": len(relevant & set(top)) / len(relevant),
        "recall@3": len(relevant & set(top[:3])) / min(3, len(relevant)),
        "mrr": 0.0 if rank is None else 1 / (rank + 1),
        "ndcg@10": dcg / ideal,
    }


METRICS = ("recall@10", "recall@3", "mrr", "ndcg@10")


def evaluate_second(collective, labels, half: str, system, path: Path = SECOND) -> dict:
    """Mean figures for one half ("development" or "test") of the second (third, fourth) set, in all
    and per kind of need, with the needs not fully found."""
    data = load_second(path)
    wanted = set(data["split"][half])
    per_kind: dict[str, list[dict]] = {}
    misses = []
    for need in data["needs"]:
        if need["id"] not in wanted:
            continue
        relevant = {labels[r] for r in need["relevant"]}
        figures = scores(system(collective, need, 10), relevant)
        per_kind.setdefault(need["kind"], []).append(figures)
        if figures["recall@10"] < 1:
            misses.append(f"{need['id']} {need['text']}")
    every = [f for group in per_kind.values() for f in group]

    def mean(group):
        return {m: sum(f[m] for f in group) / len(group) for m in METRICS} | {"needs": len(group)}

    return {
        "all": mean(every),
        "kinds": {kind: mean(group) for kind, group in per_kind.items()},
        "misses": misses,
    }


def write_table(out, results: dict) -> None:
    out.write(f"   {'':<16}{'kind':<12}{'needs':>6}" + "".join(f"{m:>11}" for m in METRICS) + "\n")
    for name, figures in results.items():
        rows = [("all", figures["all"])] + [
            (kind, figures["kinds"][kind]) for kind in KINDS if kind in figures["kinds"]
        ]
        for kind, row in rows:
            out.write(
                f"   {name if kind == 'all' else '':<16}{kind:<12}{row['needs']:>6}"
                + "".join(f"{row[m]:>11.3f}" for m in METRICS)
                + "\n"
            )


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
    for name, path in (("second", SECOND), ("third", THIRD), ("fourth", FOURTH)):
        figures[name] = both_halves(name, path, size, out)
    return figures


def both_halves(name: str, path: Path, size: str, out) -> dict:
    collective, labels = build_second_collective(SIZES[size], path=path)
    data = load_second(path)
    out.write(
        f"   {name} set: {len(data['needs'])} needs written apart from the synonym list, "
        f"{len(labels)} labelled assets + {len(data['distractors'])} + {SIZES[size]} distractors\n"
    )
    halves = {}
    for half in ("development", "test"):
        results = {
            system_name: evaluate_second(collective, labels, half, system, path)
            for system_name, system in systems().items()
        }
        out.write(f"   {half} half ({len(data['split'][half])} needs):\n")
        write_table(out, results)
        if half == "development":
            # Only the development half's needs are named: the test half is for reporting, and
            # naming its misses would invite tuning on them.
            for text in results["kring"]["misses"]:
                out.write(f"   kring did not (fully) find: {text}\n")
        halves[half] = results
    return halves


@benchmark("relevance-dev")
def run_development(*, size: str, out) -> dict:
    """For tuning: the first set and the development halves of the second, third and fourth sets
    only (every system; the test halves are left out)."""
    collective, labels = build_collective(SIZES[size])
    figures = evaluate(collective, labels)
    out.write(f"   first set: recall@10 {figures['recall']:.3f}   nDCG@10 {figures['ndcg']:.3f}\n")
    for text in figures["misses"]:
        out.write(f"   not (all) found: {text}\n")
    results = {}
    for name, path in (("second", SECOND), ("third", THIRD), ("fourth", FOURTH)):
        collective, labels = build_second_collective(SIZES[size], path=path)
        results[name] = {
            system_name: evaluate_second(collective, labels, "development", system, path)
            for system_name, system in systems().items()
        }
        out.write(f"   {name} set, development half:\n")
        write_table(out, results[name])
        for text in results[name]["kring"]["misses"]:
            out.write(f"   kring did not (fully) find: {text}\n")
    return results


@benchmark("relevance-third")
def run_third(*, size: str, out) -> dict:
    """The third set alone, both halves, every system (its test half is for reporting only)."""
    return {"third": both_halves("third", THIRD, size, out)}


@benchmark("relevance-fourth")
def run_fourth(*, size: str, out) -> dict:
    """The fourth set alone, both halves, every system (its test half is for reporting only)."""
    return {"fourth": both_halves("fourth", FOURTH, size, out)}

"""Keeping the search index in step with the assets. The asset and people services call
``index_asset`` after each save; deleting an asset deletes its document (foreign key cascade,
and on SQLite a trigger updates FTS5). Bulk paths (the demo loader, imports) call
``index_assets`` or ``rebuild_search_index``, which write in batches."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from kring.assets.models import Asset
from kring.geo.models import Neighbourhood
from kring.people.models import Resident

from . import analysis
from .engine import prefix
from .models import SearchDocument

BATCH = 5000
FIELDS = (
    "id",
    "collective_id",
    "category",
    "title",
    "description",
    "resident_id",
    "neighbourhood_id",
    "availability",
    "visibility",
)


COLUMNS = (
    "asset_id",
    "collective_id",
    "category",
    "resident_id",
    "neighbourhood_id",
    "district_id",
    "availability",
    "visibility",
    "keys",
    "length",
)
INSERT = (
    f"INSERT INTO {SearchDocument._meta.db_table} ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(COLUMNS))})"
)


def _documents(rows: list[dict]) -> list[tuple]:
    """Document rows (in the order of COLUMNS) for asset rows (dicts with FIELDS), reading tags,
    residents' buurt and wijken for the whole batch in three queries."""
    ids = [r["id"] for r in rows]
    tags = defaultdict(list)
    for asset_id, name in Asset.tags.through.objects.filter(asset_id__in=ids).values_list(
        "asset_id", "tag__name"
    ):
        tags[asset_id].append(name)
    # A gift without its own buurt is where its resident lives.
    homeless = {r["resident_id"] for r in rows if r["resident_id"] and not r["neighbourhood_id"]}
    homes = dict(
        Resident.objects.filter(pk__in=homeless).values_list("pk", "neighbourhood_id")
        if homeless
        else []
    )
    for r in rows:
        if not r["neighbourhood_id"] and r["resident_id"]:
            r["neighbourhood_id"] = homes.get(r["resident_id"])
    wanted = {r["neighbourhood_id"] for r in rows if r["neighbourhood_id"]}
    districts = dict(
        Neighbourhood.objects.filter(pk__in=wanted).values_list("pk", "district_id")
        if wanted
        else []
    )
    documents = []
    for r in rows:
        keys = analysis.document_keys(r["title"], r["description"], " ".join(tags[r["id"]]))
        start = prefix(r["collective_id"])
        documents.append(
            (
                r["id"],
                r["collective_id"],
                r["category"],
                r["resident_id"],
                r["neighbourhood_id"],
                districts.get(r["neighbourhood_id"]),
                r["availability"],
                r["visibility"],
                " ".join(start + k for k in keys),
                len(keys),
            )
        )
    return documents


def _write(documents: list[tuple]) -> None:
    # One executemany per batch: the rows are plain values, the ORM's per-object work
    # (bulk_create) was half of the build.
    with connection.cursor() as cursor:
        cursor.executemany(INSERT, documents)


@transaction.atomic
def index_asset(*, asset: Asset) -> None:
    """(Re)index one asset after it was saved."""
    index_assets(asset_ids=[asset.pk])


@transaction.atomic
def index_assets(*, asset_ids: Iterable[int]) -> int:
    """(Re)index these assets, in batches; returns how many documents were written."""
    ids = list(asset_ids)
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        rows = list(Asset.objects.filter(pk__in=batch).order_by().values(*FIELDS))
        SearchDocument.objects.filter(asset_id__in=batch).delete()
        documents = _documents(rows)
        _write(documents)
        written += len(documents)
    return written


@transaction.atomic
def rebuild_search_index(*, collective=None) -> int:
    """Throw away the index (of one collective, or all) and build it again from the assets."""
    documents = SearchDocument.objects.all()
    assets = Asset.objects.order_by("pk")
    if collective is not None:
        documents = documents.filter(collective=collective)
        assets = assets.filter(collective=collective)
    documents._raw_delete(documents.db)  # no cascades hang on documents: one plain DELETE
    written = 0
    last = 0
    while True:
        rows = list(assets.filter(pk__gt=last).values(*FIELDS)[:BATCH])
        if not rows:
            break
        last = rows[-1]["id"]
        batch = _documents(rows)
        _write(batch)
        written += len(batch)
    return written

"""One interface over the two databases' full-text indexes: the documents of one collective that
contain any of the given keys, with what ranking needs. SQLite asks FTS5, PostgreSQL its GIN
index; both index the same analysed keys, so both return the same documents."""

from dataclasses import dataclass

from django.db import connection

from kring.assets.models import Category
from kring.core.choices import Visibility
from kring.people.models import ConsentPurpose

TABLE = "matching_searchdocument"


def prefix(collective_id: int) -> str:
    return f"c{collective_id}x"


@dataclass
class Candidate:
    asset_id: int
    keys: dict[str, int]  # key -> how often it occurs
    length: int
    category: str
    resident_id: int | None
    neighbourhood_id: int | None
    district_id: int | None
    availability: str


def _consent(purpose: str) -> str:
    # Checked at search time against the consent table itself: a withdrawal counts at once.
    return (
        "(d.resident_id IS NULL OR EXISTS (SELECT 1 FROM people_consent pc "
        f"WHERE pc.resident_id = d.resident_id AND pc.purpose = '{purpose}' "
        "AND pc.withdrawn_at IS NULL))"
    )


def candidates(
    *, collective_id: int, keys: list[str], categories=None, members_only: bool = False
) -> list[Candidate]:
    if not keys:
        return []
    start = prefix(collective_id)
    indexed = [start + k for k in keys]
    conditions = ["d.collective_id = %s", _consent(ConsentPurpose.MATCHING)]
    params: list = [collective_id]
    if categories:
        conditions.append(f"d.category IN ({', '.join(['%s'] * len(categories))})")
        params.extend(categories)
    if members_only:
        # What a member (lid) may see: the same rule as kring.assets.selectors.visible_assets.
        conditions.append("d.visibility IN (%s, %s)")
        params.extend([Visibility.MEMBERS, Visibility.PUBLIC])
        conditions.append(
            f"(d.category <> '{Category.GIFT}' OR {_consent(ConsentPurpose.MEMBERS)})"
        )
    columns = (
        "d.asset_id, d.keys, d.length, d.category, d.resident_id, d.neighbourhood_id, "
        "d.district_id, d.availability"
    )
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT {columns} FROM {TABLE} d "
            "WHERE to_tsvector('simple'::regconfig, d.keys) @@ to_tsquery('simple'::regconfig, %s) "
            f"AND {' AND '.join(conditions)}"
        )
        params = [" | ".join(indexed), *params]
    else:
        # CROSS JOIN keeps SQLite from reading the collective's rows first and asking FTS5
        # once per row: the full-text index goes first.
        sql = (
            f"SELECT {columns} FROM matching_fts f CROSS JOIN {TABLE} d ON d.asset_id = f.rowid "
            f"WHERE matching_fts MATCH %s AND {' AND '.join(conditions)}"
        )
        params = [" OR ".join(f'"{k}"' for k in indexed), *params]
    cut = len(start)
    result = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            counts: dict[str, int] = {}
            for token in row[1].split():
                token = token[cut:]
                counts[token] = counts.get(token, 0) + 1
            result.append(Candidate(row[0], counts, row[2], *row[3:]))
    return result


def collection_stats(collective_id: int) -> tuple[int, float]:
    """How many documents the collective has and their average length (for BM25)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), AVG(length) FROM {TABLE} WHERE collective_id = %s", [collective_id]
        )
        count, average = cursor.fetchone()
    return count or 0, float(average or 1.0)

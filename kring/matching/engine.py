"""One interface over the two databases' full-text indexes: the documents of one collective that
contain any of the given keys, with what ranking needs. SQLite asks FTS5, PostgreSQL its GIN
index; both index the same analysed keys, so both return the same documents."""

from dataclasses import dataclass

from django.db import connection

from kring.assets.models import Category
from kring.core.choices import Visibility
from kring.people.models import ConsentPurpose

from . import synonyms

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


@dataclass
class Found:
    """What one candidate query answers: the candidates, the collective's document count and
    average length (for BM25), and the version of the synonym list (see synonyms.cached)."""

    candidates: list[Candidate]
    count: int
    average: float
    synonyms_version: tuple


def candidates(
    *, collective_id: int, keys: list[str], categories=None, members_only: bool = False
) -> Found:
    """One query, one round trip: the statistics and the synonym version come along with the
    candidates (as the first columns of every row; one row of only those when nothing matches)."""
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
        matching = (
            f"SELECT {columns} FROM {TABLE} d "
            "WHERE to_tsvector('simple'::regconfig, d.keys) @@ to_tsquery('simple'::regconfig, %s) "
            f"AND {' AND '.join(conditions)}"
        )
        params = [" | ".join(indexed), *params]
    else:
        # CROSS JOIN keeps SQLite from reading the collective's rows first and asking FTS5
        # once per row: the full-text index goes first.
        matching = (
            f"SELECT {columns} FROM matching_fts f CROSS JOIN {TABLE} d ON d.asset_id = f.rowid "
            f"WHERE matching_fts MATCH %s AND {' AND '.join(conditions)}"
        )
        params = [" OR ".join(f'"{k}"' for k in indexed), *params]
    sql = (
        f"WITH stats AS (SELECT COUNT(*) AS n, AVG(length) AS average FROM {TABLE} "
        f"WHERE collective_id = %s), synonyms AS ({synonyms.VERSION_SQL}) "
        "SELECT stats.n, stats.average, synonyms.groups, synonyms.changed, found.* "
        f"FROM stats CROSS JOIN synonyms LEFT JOIN ({matching}) found ON 1 = 1"
    )
    params = [collective_id, *params]
    cut = len(start)
    result = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for row in rows:
        if row[4] is None:  # nothing matched: the one row of statistics
            continue
        counts: dict[str, int] = {}
        for token in row[5].split():
            token = token[cut:]
            counts[token] = counts.get(token, 0) + 1
        result.append(Candidate(row[4], counts, row[6], *row[7:]))
    first = rows[0]
    return Found(result, first[0] or 0, float(first[1] or 1.0), tuple(first[2:4]))

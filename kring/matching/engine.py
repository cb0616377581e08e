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


# slots: a search makes one per candidate (hundreds for a common word), and with slots they are
# made and read faster.
@dataclass(slots=True)
class Candidate:
    asset_id: int
    # The document's keys, each as often as it occurs (a handful: a key's count is asked only
    # of the few candidates that are weighed, see selectors._ranked).
    keys: list[str]
    length: int
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
    # PostgreSQL, when asked for (``vocabulary_for``) and some word has no candidate: the
    # collective's vocabulary as typos.read_sql reads it (keys, words as written; see
    # typos.parsed); None otherwise.
    vocabulary: tuple[str | None, str | None] | None = None


def _vocabulary_row(collective_id: int, vocabulary_for: list[list[str]]) -> tuple[str, list]:
    """PostgreSQL: a last row carrying the collective's vocabulary, only when one of the
    question's words (each given by all of its keys) has no key in any candidate. The test
    is made on the candidates the query has just found (a one-time filter: when every word
    has a candidate, the vocabulary is not read). A typo search then needs no round trip of
    its own for the vocabulary: on a busy server each round trip waits for a CPU. The words
    are one parameter, so the statement's text is always the same and stays prepared."""
    start = prefix(collective_id)
    words = [" ".join(start + k for k in keys) for keys in vocabulary_for]
    # The same text as typos.read_sql's (as a sub-query, in the columns of the keys and the
    # availability; see candidates): the collective's keys and its words as written, with counts.
    # why: typos imports engine's names at its top, so engine imports typos at the call.
    from . import typos

    vocabulary = typos.read_sql("postgresql")
    sql = (
        "SELECT NULL, NULL, NULL, NULL, NULL, v.keys, NULL, NULL, NULL, v.written "
        f"FROM ({vocabulary}) v(keys, written) "
        "WHERE EXISTS (SELECT 1 FROM unnest(%s::text[]) AS w(keys) WHERE NOT EXISTS ("
        "SELECT 1 FROM found f WHERE string_to_array(f.keys, ' ') && string_to_array(w.keys, ' ')))"
    )
    return sql, [collective_id, words]


def candidates(
    *,
    collective_id: int,
    keys: list[str],
    categories=None,
    members_only: bool = False,
    vocabulary_for: list[list[str]] | None = None,
) -> Found:
    """One query, one round trip: the statistics and the synonym version come along with the
    candidates (as the first columns of every row; one row of only those when nothing matches).
    ``vocabulary_for`` (the keys of each word that may need correcting, when this process does
    not know the collective's vocabulary): on PostgreSQL the vocabulary comes along when one of
    them has no candidate (see ``_vocabulary_row``)."""
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
    columns = "d.asset_id, d.keys, d.length, d.neighbourhood_id, d.district_id, d.availability"
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
    # The statistics and the synonym version come once, in a row of their own (first column
    # never NULL), not on every candidate's row: each of those rows made the driver read them
    # again, the version's timestamp included (about a millisecond of a search's CPU).
    head = (
        "SELECT stats.n, stats.average, synonyms.groups, synonyms.changed, "
        "NULL, NULL, NULL, NULL, NULL, NULL FROM stats CROSS JOIN synonyms"
    )
    with_vocabulary = bool(vocabulary_for) and connection.vendor == "postgresql"
    ctes = (
        f"WITH stats AS (SELECT COUNT(*) AS n, AVG(length) AS average FROM {TABLE} "
        f"WHERE collective_id = %s), synonyms AS ({synonyms.VERSION_SQL}), "
        f"found AS ({matching}) "
    )
    sql = f"{ctes}{head} UNION ALL SELECT NULL, NULL, NULL, NULL, found.* FROM found"
    params = [collective_id, *params]
    if with_vocabulary:
        last, last_params = _vocabulary_row(collective_id, vocabulary_for)
        sql = f"{sql} UNION ALL {last}"
        params.extend(last_params)
    cut, separator = len(start), " " + start
    result = []
    add = result.append
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    first, vocabulary = None, None
    for row in rows:
        if row[4] is not None:  # a candidate
            # The keys column is the first key's prefix and then keys joined by " " + prefix
            # (services._column; a key has no space): split on that, the prefixes go in the
            # same call. The keys are not counted here: most candidates are never weighed (see
            # selectors._ranked), and counting a handful of keys in a dict took longer than
            # reading them. A candidate's keys are never empty (it matched one of them).
            add(Candidate(row[4], row[5][cut:].split(separator), row[6], row[7], row[8], row[9]))
        elif row[0] is not None:  # the statistics (a count is never NULL)
            first = row
        else:  # the vocabulary's row (see _vocabulary_row)
            vocabulary = (row[5], row[9])
    return Found(result, first[0] or 0, float(first[1] or 1.0), tuple(first[2:4]), vocabulary)

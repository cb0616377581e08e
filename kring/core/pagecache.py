"""Rendered parts of a collective's pages, kept in the shared cache under the versions of the
kinds of data they show.

A part (the body of a list, a detail page, the connections log) is rendered once per data
version, audience, language and request parameters, and then served from Django's cache (Redis
on several nodes, the process's memory in the demo). A part names the kinds of data it shows
(``shows``: ``kring.core.versioning``'s kinds, e.g. the collective, people, the assets of one
category) and is kept under the versions of those kinds. The versions are read FIRST, all kinds
of the collective in one compiled query (``kring.core.compiled``) once per request, and only
then is the part rendered, so a part is never older than the versions it is kept under.
Database triggers give a kind a new version whenever a row of that kind is written, so a change
made anywhere (another node, ``bulk_create``, raw SQL, an import, an erasure) is seen at the
next request by every node in every part that shows its kind, while the parts that cannot show
it stay kept: the old entries are simply no longer asked for, and expire after ``TTL``. A part
that names no kinds is kept under the collective's one version, which every write changes.

What may go into a part: what the collective's data, the audience, the language and the
request's parameters decide; never a CSRF token, a nonce, a message or the viewer's own name.
The audience is whatever else decides what the part shows (at least the role). A part that
cannot be kept (a form with errors) is rendered and not stored. When the cache does not
answer, the part is rendered as if nothing were kept: a slower page, never an error."""

import hashlib
import json
import logging
import random
from collections.abc import Callable, Iterable, Mapping

from django.core.cache import cache
from django.db.models import Aggregate, OuterRef, Subquery, TextField
from django.utils import translation

from . import versioning
from .compiled import CompiledQuery
from .models import DataVersion, KindVersion

logger = logging.getLogger(__name__)

TTL = 60 * 60  # an entry of an old version is never asked for again; it goes after an hour
MAX_PARAMS = 1000  # a longer query string is rendered every time, not kept

_VERSION = CompiledQuery(
    lambda collective: DataVersion.objects.filter(collective_id=collective).values("version"),
    collective=int,
)


_KIND_VERSIONS = CompiledQuery(
    lambda collective: KindVersion.objects.filter(collective_id=collective).values(
        "kind", "version"
    ),
    collective=int,
)


def data_version(collective_id: int) -> int | None:
    """The collective's one version, which every write of every kind changes."""
    rows = _VERSION.run(collective=collective_id)
    return rows[0]["version"] if rows else None


def kind_versions(collective_id: int) -> dict[str, int]:
    """The version of each kind of the collective's data (one query)."""
    return {row["kind"]: row["version"] for row in _KIND_VERSIONS.run(collective=collective_id)}


class _VersionsObject(Aggregate):
    """The kinds and versions of the rows aggregated, as the text of one JSON object."""

    function = "JSON_OBJECT_AGG"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        return f"({sql})::text", params

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_OBJECT", **extra_context)


def kind_versions_of(collective: str) -> Subquery:
    """An annotation: the versions of every kind of the collective that the outer query's
    column ``collective`` names, as one text (``remember_kind_versions`` reads it). For a query
    every request makes anyway (the signed-in user's memberships, kring.security.signed_in),
    so that the page cache needs no query of its own to read them."""
    return Subquery(
        KindVersion.objects.filter(collective_id=OuterRef(collective))
        .values("collective_id")
        .annotate(versions=_VersionsObject("kind", "version"))
        .values("versions")
    )


def remember_kind_versions(request, found: Mapping[int, str | None]) -> None:
    """The versions of collectives' kinds that this request read with another query
    (``kind_versions_of``: collective id -> its text), used by the parts it renders after this
    as if ``kind_versions`` had read them. A collective this request has read already keeps
    what it read first."""
    read = _read_in(request, "_kring_kind_versions")
    for collective_id, text in found.items():
        if text and collective_id not in read:
            read[collective_id] = {kind: int(v) for kind, v in json.loads(text).items()}


def _read_in(request, name: str) -> dict:
    """What this request has read already, per collective (a new dict without a request)."""
    if request is None:
        return {}
    read = getattr(request, name, None)
    if read is None:
        read = {}
        setattr(request, name, read)
    return read


def _versions(request, collective_id: int, shows: tuple[str, ...] | None) -> tuple | None:
    """The versions a part showing ``shows`` is kept under (None: the collective has no row
    yet; it gets one, and this request keeps nothing). Read once per request and collective:
    every part of the request is rendered after the reading."""
    if shows is None:
        known = _read_in(request, "_kring_data_versions")
        version = known.get(collective_id)
        if version is None:
            version = data_version(collective_id)
        if version is not None:
            known[collective_id] = version
        if version is None:
            # A collective made before its row (a restore without the version table).
            DataVersion.objects.bulk_create(
                [DataVersion(collective_id=collective_id, version=random.getrandbits(62))],
                ignore_conflicts=True,
            )
            return None
        return (version,)
    read = _read_in(request, "_kring_kind_versions")
    versions = read.get(collective_id)
    if versions is None:
        versions = read[collective_id] = kind_versions(collective_id)
    missing = [kind for kind in shows if kind not in versions]
    if missing:
        # A kind per value of a column (the assets of a category) never written yet, or a
        # collective restored without the version tables: its row is made here (or, when a
        # writer made it meanwhile, waited for), every write from now on changes it, and the
        # versions are read again, before the part is rendered.
        KindVersion.objects.bulk_create(
            [
                KindVersion(collective_id=collective_id, kind=kind, version=random.getrandbits(62))
                for kind in missing
            ],
            ignore_conflicts=True,
        )
        versions = read[collective_id] = kind_versions(collective_id)
        if any(kind not in versions for kind in shows):
            del read[collective_id]
            return None
    return tuple(versions[kind] for kind in shows)


def kinds(shows: Iterable[str] | None) -> tuple[str, ...] | None:
    """The kinds a part declares, checked and in one order, with the collective's own (every
    part shows the collective: its name, its addresses); None: every kind."""
    if shows is None:
        return None
    shows = set(shows)
    unknown = sorted(kind for kind in shows if not versioning.is_kind(kind))
    if unknown or not shows:
        raise ValueError(f"not kinds of data kring.core.versioning watches: {unknown or shows}")
    return tuple(sorted(shows | {versioning.COLLECTIVE}))


def _note(request, outcome: str) -> None:
    """What the cache did for this request, for Server-Timing (kring.core.middleware)."""
    if request is not None:
        outcomes = getattr(request, "kring_part_cache", None)
        if outcomes is None:
            outcomes = request.kring_part_cache = []
        outcomes.append(outcome)


def part_key(
    part: str,
    collective_id: int,
    versions: Iterable,
    audience: Iterable,
    params: Iterable,
    shows: Iterable[str] | None = None,
) -> str:
    """The cache key: the part, the collective, the versions of the kinds it shows (with their
    names), the audience, the language and the request's parameters."""
    digest = hashlib.sha256(repr(list(params)).encode()).hexdigest()[:32]
    seen = hashlib.sha256(repr((shows, list(versions))).encode()).hexdigest()[:24]
    audience = ".".join(str(a) for a in audience)
    language = translation.get_language() or ""
    return f"part:2:{part}:{collective_id}:{seen}:{audience}:{language}:{digest}"


def cached_part(
    request,
    *,
    part: str,
    collective_id: int,
    audience: Iterable,
    build: Callable[[], tuple[object, bool]],
    shows: Iterable[str] | None,
    params: Iterable[tuple[str, str]] = (),
    ttl: int = TTL,
    read: Mapping[str, object] | None = None,
) -> object:
    """The part (its HTML, or a tuple of texts). ``build()`` renders it and says whether it may
    be kept. ``shows``: the kinds of data it shows (``kring.core.versioning``): every kind that
    any of its content, links, counts, filter choices or visibility rules read; None: every
    kind. ``params``: the request's values the part depends on (pairs, in their order: links
    may echo them). ``read``: what ``read_many`` found for the keys of several parts of
    the page, asked for at once (``key``); a key not in it is not asked again."""
    key = part_key_now(
        request,
        part=part,
        collective_id=collective_id,
        audience=audience,
        shows=shows,
        params=params,
    )
    if key is None:
        _note(request, "off")
        return build()[0]
    if read is not None:
        html = read.get(key)
    else:
        try:
            html = cache.get(key)
        except Exception:  # the cache is down: render, as without it
            logger.warning("page cache unavailable for reading", exc_info=True)
            html = None
    if html is not None:
        _note(request, "hit")
        return html
    html, keep = build()
    _note(request, "miss")
    if keep:
        try:
            cache.set(key, html, ttl)
        except Exception:
            logger.warning("page cache unavailable for writing", exc_info=True)
    return html


def part_key_now(
    request,
    *,
    part: str,
    collective_id: int,
    audience: Iterable,
    shows: Iterable[str] | None,
    params: Iterable[tuple[str, str]] = (),
) -> str | None:
    """The key a part is kept under now (the versions of the kinds it shows read once per
    request, before it is rendered); None: it is not kept (no version row yet, or too long
    a query string)."""
    params = list(params)
    shows = kinds(shows)
    versions = _versions(request, collective_id, shows)
    if versions is None or sum(len(k) + len(v) for k, v in params) > MAX_PARAMS:
        return None
    return part_key(part, collective_id, versions, audience, params, shows)


def read_many(keys: list[str]) -> dict[str, object]:
    """The kept parts of several keys in one round trip (``part_key_now``); what is missing
    is not in the answer. Empty when the cache is down."""
    try:
        return cache.get_many(keys)
    except Exception:
        logger.warning("page cache unavailable for reading", exc_info=True)
        return {}


def query_params(request, *names: str) -> list[tuple[str, str]]:
    """The request's GET values, all of them (``names`` empty) or only those named, as pairs.
    Every value a part's HTML may echo must be among them."""
    items = request.GET.lists()
    return [(k, v) for k, values in items if not names or k in names for v in values]

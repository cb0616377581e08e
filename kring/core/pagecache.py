"""Rendered parts of a collective's pages, kept in the shared cache under the collective's data
version.

A part (the body of a list, a detail page, the connections log) is rendered once per data
version, audience, language and request parameters, and then served from Django's cache (Redis
on several nodes, the process's memory in the demo). The version is read FIRST, in one compiled
primary-key query (``kring.core.compiled``), and only then is the part rendered, so a part is
never older than the version it is kept under. Database triggers give the collective a new
version whenever a row the parts show is written (``kring.core.versioning``), so a change made
anywhere (another node, ``bulk_create``, raw SQL, an import, an erasure) is seen at the next
request by every node: the old entries are simply no longer asked for, and expire after ``TTL``.

What may go into a part: what the collective's data, the audience, the language and the
request's parameters decide; never a CSRF token, a nonce, a message or the viewer's own name.
The audience is whatever else decides what the part shows (at least the role). A part that
cannot be kept (a form with errors) is rendered and not stored. When the cache does not
answer, the part is rendered as if nothing were kept: a slower page, never an error."""

import hashlib
import logging
import random
from collections.abc import Callable, Iterable, Mapping

from django.core.cache import cache
from django.utils import translation

from .compiled import CompiledQuery
from .models import DataVersion

logger = logging.getLogger(__name__)

TTL = 60 * 60  # an entry of an old version is never asked for again; it goes after an hour
MAX_PARAMS = 1000  # a longer query string is rendered every time, not kept

_VERSION = CompiledQuery(
    lambda collective: DataVersion.objects.filter(collective_id=collective).values("version"),
    collective=int,
)


def data_version(collective_id: int) -> int | None:
    rows = _VERSION.run(collective=collective_id)
    return rows[0]["version"] if rows else None


def _note(request, outcome: str) -> None:
    """What the cache did for this request, for Server-Timing (kring.core.middleware)."""
    if request is not None:
        outcomes = getattr(request, "kring_part_cache", None)
        if outcomes is None:
            outcomes = request.kring_part_cache = []
        outcomes.append(outcome)


def part_key(
    part: str, collective_id: int, version: int, audience: Iterable, params: Iterable
) -> str:
    digest = hashlib.sha256(repr(list(params)).encode()).hexdigest()[:32]
    audience = ".".join(str(a) for a in audience)
    language = translation.get_language() or ""
    return f"part:1:{part}:{collective_id}:{version}:{audience}:{language}:{digest}"


def cached_part(
    request,
    *,
    part: str,
    collective_id: int,
    audience: Iterable,
    build: Callable[[], tuple[object, bool]],
    params: Iterable[tuple[str, str]] = (),
    ttl: int = TTL,
    version: int | None = None,
    read: Mapping[str, object] | None = None,
) -> object:
    """The part (its HTML, or a tuple of texts). ``build()`` renders it and says whether it may be kept; ``params`` are
    the request's values the part depends on (pairs, in their order: links may echo them).
    ``version``: the collective's data version when the caller read it already, before any
    of the parts it asks for were rendered (several parts of one page read it once);
    ``read``: what ``read_many`` found for the keys of those parts (not asked again)."""
    params = list(params)
    if version is None:
        version = data_version(collective_id)
    if version is None:
        # A collective made before its row (a restore without the version table): give it one;
        # this request renders and keeps nothing.
        DataVersion.objects.bulk_create(
            [DataVersion(collective_id=collective_id, version=random.getrandbits(62))],
            ignore_conflicts=True,
        )
        _note(request, "off")
        return build()[0]
    if sum(len(k) + len(v) for k, v in params) > MAX_PARAMS:
        _note(request, "off")
        return build()[0]
    key = part_key(part, collective_id, version, audience, params)
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


def read_many(keys: list[str]) -> dict[str, object]:
    """The kept parts of several keys in one round trip (``part_key``); what is missing is
    not in the answer. Empty when the cache is down."""
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

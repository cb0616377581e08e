"""Reading a search's top assets as the viewer may see them, with the query the ORM makes from
``kring.assets.selectors.visible_assets``, prepared once instead of once per search.

Making that query (its visibility and consent filters, the joins for the resident and the
buurt) cost the ORM about 2 ms of CPU per search, more than the rest of the search together.
The query itself depends only on whether the viewer is a buurtmaker (or there is no viewer) and
on how many assets are read; the collective and the assets are parameters. So per thread and
per such shape it is made once by the ORM, from ``visible_assets`` itself, for a stand-in
collective and stand-in asset numbers, and afterwards only the parameters change. The first
real read of each shape is checked against the query the ORM makes for the real viewer: if they
differ (a rule of ``visible_assets`` that depends on more than the collective and the role),
that shape is never prepared and every read goes through the ORM.
"""

import logging
import threading
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.query import get_related_populators

from kring.assets.models import Asset
from kring.assets.selectors import visible_assets
from kring.people.models import Consent, ConsentPurpose

log = logging.getLogger(__name__)

# Numbers no collective or asset has, to find in the prepared parameters where the real ones go.
STAND_IN_COLLECTIVE = -987_654_321
STAND_IN_ASSET = -1_234_000_000


class _StandInAccess:
    """All of an access that ``visible_assets`` reads: the collective (here a number) and the
    role. A rule that reads anything else fails while preparing, and that shape is not prepared."""

    __slots__ = ("collective", "is_builder")

    def __init__(self, collective, is_builder: bool):
        self.collective = collective
        self.is_builder = is_builder


def queryset(collective, viewer_access):
    """The assets of ``collective`` that ``viewer_access`` may see (without a viewer: what a
    buurtmaker may see) and that may be shown in matching: a gift only while its resident
    consents to "verbinden"."""
    if viewer_access is not None:
        assets = visible_assets(viewer_access)
    else:
        assets = Asset.objects.filter(collective=collective)
    consents = Consent.objects.filter(
        resident=OuterRef("resident"), purpose=ConsentPurpose.MATCHING, withdrawn_at__isnull=True
    )
    # The collective is known: it is set on each asset instead of joined and read per row.
    return (
        assets.filter(Q(resident__isnull=True) | Exists(consents))
        .select_related("resident", "neighbourhood")
        .defer("neighbourhood__boundary")
    )


def _by_ids(assets, ids):
    return assets.filter(pk__in=ids).order_by()


@dataclass
class _Prepared:
    sql: str
    params: list
    collective_at: list[int]
    ids_at: list[int]
    make: object  # rows -> model instances
    checked: bool = False


_local = threading.local()
_REFUSED = object()


def _prepare(kind, count: int):
    viewer = None if kind is None else _StandInAccess(STAND_IN_COLLECTIVE, kind == "builder")
    ids = [STAND_IN_ASSET - i for i in range(count)]
    compiler = _by_ids(queryset(STAND_IN_COLLECTIVE, viewer), ids).query.get_compiler(
        using=connection.alias
    )
    sql, params = compiler.as_sql()
    params = list(params)
    collective_at = [i for i, p in enumerate(params) if p == STAND_IN_COLLECTIVE]
    if not collective_at or any(params.count(i) != 1 for i in ids):
        raise ValueError("the stand-in collective or assets are not in the query's parameters")
    ids_at = [params.index(i) for i in ids]
    return _Prepared(sql, params, collective_at, ids_at, _maker(compiler))


def _fill(prepared: _Prepared, collective_id: int, ids: list[int]):
    params = list(prepared.params)
    for i in prepared.collective_at:
        params[i] = collective_id
    for i, asset_id in zip(prepared.ids_at, ids, strict=True):
        params[i] = asset_id
    return params


def _same_as_orm(prepared: _Prepared, collective, viewer_access, ids) -> bool:
    query = _by_ids(queryset(collective, viewer_access), ids).query
    sql, params = query.get_compiler(using=connection.alias).as_sql()
    return sql == prepared.sql and list(params) == _fill(prepared, collective.pk, ids)


def _prepared_for(collective, viewer_access, ids):
    kind = None if viewer_access is None else ("builder" if viewer_access.is_builder else "member")
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    key = (connection.alias, connection.vendor, kind, len(ids))
    prepared = cache.get(key)
    if prepared is None:
        try:
            prepared = _prepare(kind, len(ids))
        except Exception:  # a rule that reads more of the access: use the ORM
            log.warning("matching: the visible assets query could not be prepared", exc_info=True)
            prepared = _REFUSED
        cache[key] = prepared
    if prepared is _REFUSED:
        return None
    if not prepared.checked:
        if not _same_as_orm(prepared, collective, viewer_access, ids):
            log.warning("matching: the prepared visible assets query differs from the ORM's")
            cache[key] = _REFUSED
            return None
        prepared.checked = True
    return prepared


def read(collective, viewer_access, ids: list[int]) -> dict[int, Asset]:
    """The assets among ``ids`` that may be shown, by id, as ``queryset(...).in_bulk(ids)``
    makes them (with ``.resident`` and ``.neighbourhood``; ``.collective`` set)."""
    ids = list(dict.fromkeys(ids))  # as the ORM's IN: each once
    if not ids:
        return {}
    prepared = _prepared_for(collective, viewer_access, ids)
    if prepared is None:
        found = queryset(collective, viewer_access).in_bulk(ids)
    else:
        found = {}
        with connection.cursor() as cursor:
            cursor.execute(prepared.sql, _fill(prepared, collective.pk, ids))
            rows = cursor.fetchall()
        for asset in prepared.make(rows):
            found[asset.pk] = asset
    for asset in found.values():
        asset.collective = collective
    return found


def _maker(compiler):
    """Rows -> model instances, made as Django's ModelIterable makes them from this compiler's
    query (its columns, converters and select_related objects), worked out once."""
    select, klass_info = compiler.select, compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    related = get_related_populators(klass_info, select, compiler.using)
    converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
    model = klass_info["model"]

    def make(rows):
        if converters:
            rows = compiler.apply_converters(rows, converters)
        for row in rows:
            obj = model.from_db(compiler.using, names, row[start:end])
            for populator in related:
                populator.populate(row, obj)
            yield obj

    return make

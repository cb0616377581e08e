"""Queries that every request makes, turned into SQL once per process.

Building a queryset and compiling it to SQL costs the web process far more than running it:
for the user's memberships with their collectives (about 50 columns) 1.5 ms against 0.2 ms
(docs/performance.md, CPU per request). ``CompiledQuery`` compiles a queryset once per database
connection, with stand-in values where the request's values go, and afterwards only fills in
the values, runs the SQL and turns the rows into model instances as Django does (``select_related``
and annotations included; the same SQL each time also lets PostgreSQL keep it prepared).

Only what cannot change while the process runs may shape the query: the models, the settings,
the code. Values that change (a user's id, a session key, the time) are the ``values``: ints,
strings and aware datetimes, each passed to the SQL exactly as Django would pass it."""

from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable, get_related_populators
from django.http import Http404

from .forms import MAX_INTEGER_KEY

_ids = count()


def _stand_in(kind: type, number: int):
    """A value no request sends, of the kind given, unique to one marker."""
    if kind is int:
        # Within a 32-bit integer column's range: Django drops a lookup on a value out of it.
        return -2_000_000_000 - number
    if kind is str:
        return f"\x1fkring-compiled-{number}\x1f"
    if kind is datetime:
        return datetime(1901, 2, 3, 4, 5, 6, number, tzinfo=UTC)
    raise TypeError(f"a compiled query takes ints, strings and datetimes, not {kind}")


def _as_param(connection, value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class CompiledQuery:
    """``build(**values)`` gives the queryset; ``kinds`` names each value's type. ``run(**values)``
    returns the list of model instances the queryset would give for those values (dicts for a
    ``.values()`` queryset)."""

    def __init__(self, build: Callable[..., QuerySet], using: str = DEFAULT_DB_ALIAS, **kinds):
        self.build, self.using, self.kinds = build, using, kinds
        self.key = f"_kring_compiled_{next(_ids)}"

    def _compiled(self, connection):
        # Kept on the connection object: one per thread, and gone with it.
        compiled = getattr(connection, self.key, None)
        if compiled is None:
            stand_ins = {name: _stand_in(kind, next(_ids)) for name, kind in self.kinds.items()}
            queryset = self.build(**stand_ins)
            compiler = queryset.query.get_compiler(using=self.using)
            sql, params = compiler.as_sql()
            params = list(params)
            # Which columns need converting and how (Django works it out again on every
            # execution; it depends only on the query and the database backend).
            fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
            converters = compiler.get_converters(fields)
            if compiler.has_composite_fields(fields):
                raise TypeError("a compiled query reads no composite primary keys")
            positions = {}
            for name, stand_in in stand_ins.items():
                param = _as_param(connection, stand_in)
                positions[name] = [i for i, p in enumerate(params) if p == param]
                if not positions[name]:
                    raise ValueError(f"{name} does not reach the query's parameters")
            query = queryset.query
            if issubclass(queryset._iterable_class, ValuesIterable):
                # A ``.values()`` queryset: rows become dicts, as ValuesIterable makes them.
                compiled = {
                    "compiler": compiler,
                    "converters": converters,
                    "sql": sql,
                    "params": params,
                    "positions": positions,
                    "columns": list(query.selected)
                    if query.selected
                    else [*query.extra_select, *query.values_select, *query.annotation_select],
                }
                setattr(connection, self.key, compiled)
                return compiled
            klass_info = compiler.klass_info
            select_fields = klass_info["select_fields"]
            start, end = select_fields[0], select_fields[-1] + 1
            compiled = {
                "compiler": compiler,
                "converters": converters,
                "sql": sql,
                "params": params,
                "positions": positions,
                "model": klass_info["model"],
                "start": start,
                "end": end,
                "init_list": [f[0].target.attname for f in compiler.select[start:end]],
                "populators": get_related_populators(klass_info, compiler.select, self.using),
                "annotations": list(compiler.annotation_col_map.items()),
            }
            setattr(connection, self.key, compiled)
        return compiled

    def run(self, **values) -> list:
        connection = connections[self.using]
        compiled = self._compiled(connection)
        params = list(compiled["params"])
        for name, positions in compiled["positions"].items():
            param = _as_param(connection, values[name])
            for position in positions:
                params[position] = param
        with connection.cursor() as cursor:
            cursor.execute(compiled["sql"], params)
            rows = cursor.fetchall()
        if compiled["converters"]:
            # As the compiler's results_iter does, with the converters found once.
            rows = compiled["compiler"].apply_converters(rows, compiled["converters"])
        if "columns" in compiled:
            columns = compiled["columns"]
            return [dict(zip(columns, row, strict=True)) for row in rows]
        # As django.db.models.query.ModelIterable does, without compiling again.
        model, start, end = compiled["model"], compiled["start"], compiled["end"]
        objects = []
        for row in rows:
            obj = model.from_db(self.using, compiled["init_list"], row[start:end])
            for populator in compiled["populators"]:
                populator.populate(row, obj)
            for name, position in compiled["annotations"]:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def as_prefetched(instance, relation: str, objects: list) -> None:
    """Keep ``objects`` (read by a compiled query) as the instance's ``relation``, as
    ``prefetch_related`` keeps them: ``instance.<relation>.all()`` then gives them without a
    query. The objects must be exactly what the relation's ``all()`` would give, in its order."""
    queryset = getattr(instance, relation).all()  # the related manager's queryset, not run
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    cache_name = instance._meta.get_field(relation).cache_name
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def one_in_collective(query: "CompiledQuery", collective, pk: int):
    """The row ``pk`` of ``collective`` a detail page shows (``query`` takes ``collective`` and
    ``pk``), with the collective the one asked about (not read again for each link); 404 when
    there is none, or for an address no row can have (SQLite refuses such a number)."""
    if not 0 < pk <= MAX_INTEGER_KEY:
        raise Http404
    found = query.run(collective=collective.pk, pk=pk)
    if not found:
        raise Http404
    found[0].collective = collective
    return found[0]

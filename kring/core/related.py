"""A list's related rows read with subqueries beside its own rows, not with joins.

``select_related`` of a list's residents, assets, initiatives and accounts joins each of their
tables. PostgreSQL then weighs the order of every join before it runs the query: for the
connections log (seven tables, each joined to the connections) that planning took 5-10 ms,
where running it took 0.4 ms (docs/performance.md, Load). A subquery per column in the SELECT
list is planned on its own, in a fraction of a millisecond, and with a LIMIT after an ORDER BY
PostgreSQL runs it only for the rows of the page.

``with_related`` annotates the columns of the related rows a page shows and hands the rows back
with those related rows in place, as ``select_related`` with ``only`` gives them (the other
columns deferred): templates and template tags read ``connection.resident.name`` as before."""

from django.db import connection
from django.db.models import F, ForeignKey, Func, QuerySet
from django.db.models.query import ModelIterable

_PREFIX = "_kring_related"


def _alias(path: str, column: str) -> str:
    return f"{_PREFIX}__{path}__{column}"


def _chain(model, path: str) -> list[ForeignKey]:
    """The foreign keys from ``model`` along ``path`` ("connection__resident")."""
    fields = []
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not isinstance(field, ForeignKey):
            raise TypeError(f"{path}: {name} is not a foreign key")
        fields.append(field)
        model = field.related_model
    return fields


def with_related(queryset: QuerySet, columns: dict[str, tuple[str, ...]]) -> QuerySet:
    """``queryset`` with, for each foreign key path in ``columns`` (its last step read this way;
    the steps before it with ``select_related``), those columns of the related row read by a
    subquery each and the related row set on the instance (None where the key is empty). The
    related rows hold only these columns and their key; the key's row must exist (a foreign
    key constraint says it does)."""
    plan = []
    annotations = {}
    for path, names in columns.items():
        fields = _chain(queryset.model, path)
        last = fields[-1]
        target = last.related_model
        key = "__".join([*path.split("__")[:-1], last.attname])
        for name in names:
            annotations[_alias(path, name)] = _lookup(target, name, key)
        # Model.from_db takes the values in the order of the model's fields.
        order = [field.attname for field in target._meta.concrete_fields]
        attnames = sorted([target._meta.pk.attname, *names], key=order.index)
        plan.append((fields, path, tuple(names), tuple(attnames)))
    queryset = queryset.annotate(**annotations)
    queryset._iterable_class = type("RelatedIterable", (_RelatedIterable,), {"plan": tuple(plan)})
    return queryset


def _lookup(target, name: str, key: str) -> Func:
    """``(SELECT name FROM target WHERE pk = key)``, written once here: Django compiles a
    Subquery of a queryset on every request (eight of them cost the connections log about a
    millisecond of CPU), and the only part that depends on the query, the key's column, is
    an F() that Django resolves to the outer table's alias."""
    quote = connection.ops.quote_name
    field = target._meta.get_field(name)
    sql = (
        f"(SELECT kring_related.{quote(field.column)} FROM {quote(target._meta.db_table)}"
        f" kring_related WHERE kring_related.{quote(target._meta.pk.column)} = %(expressions)s)"
    )
    return Func(F(key), template=sql, output_field=field)


class _RelatedIterable(ModelIterable):
    plan: tuple = ()

    def __iter__(self):
        db = self.queryset.db
        for obj in super().__iter__():
            for fields, path, names, attnames in self.plan:
                given = {name: obj.__dict__.pop(_alias(path, name)) for name in names}
                holder = obj
                for field in fields[:-1]:
                    holder = getattr(holder, field.name)  # read by select_related
                    if holder is None:
                        break
                if holder is None:
                    continue
                last = fields[-1]
                key = getattr(holder, last.attname)
                related = None
                if key is not None:
                    given[last.related_model._meta.pk.attname] = key
                    related = last.related_model.from_db(
                        db, list(attnames), [given[name] for name in attnames]
                    )
                last.set_cached_value(holder, related)
            yield obj

"""Bulk writes that the ORM's bulk methods do too slowly.

``update_rows``: what QuerySet.bulk_update does, with executemany. ``Inserter``: what
bulk_create does, for imports and the audit log's many entries at once. Django's ``bulk_create``
prepares every field of every object through the ORM and, on SQLite, sends at most 999
parameters per statement (about 40 assets); for a million rows that overhead is most of the
time. Here a template object gives every column's database value once (defaults, ``auto_now``
times, the collective and author), each row only sets the columns that vary, and one statement
carries up to ~32,000 parameters (SQLite 3.32+) or ~60,000 (PostgreSQL). The values must be
valid already (kring.imports.validation checks them before they get here)."""

import sqlite3
from itertools import chain

from django.db import connection, connections, models, router


def update_rows(model, fields, objs) -> None:
    """Write ``fields`` of each object with one ``UPDATE ... WHERE pk = %s``, sent with
    executemany. QuerySet.bulk_update builds one CASE branch per row and field, which takes
    minutes for ten thousand rows; this takes seconds. Each value still goes through its field's
    own conversion (JSON, dates), and no signals or auto_now run, exactly like bulk_update."""
    objs = list(objs)
    if not objs:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    rows = [
        [column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns]
        + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def max_params() -> int:
    if connection.vendor == "sqlite":
        return 32_000 if sqlite3.sqlite_version_info >= (3, 32) else 999
    return 60_000


def raw_cursor():
    """The database driver's own cursor on Django's connection (inside Django's transaction):
    for statements written here with the driver's placeholders ("?" for SQLite)."""
    connection.ensure_connection()
    return connection.connection.cursor()


class Inserter:
    """INSERT … SELECT … FROM (VALUES (…), (…)) [RETURNING id] for one table."""

    def __init__(self, model: type[models.Model], template: models.Model | None = None):
        self.model = model
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not (f.primary_key and isinstance(f, models.AutoField))
        ]
        self.columns = [f.attname for f in self.fields]
        self.index = {name: i for i, name in enumerate(self.columns)}
        self.defaults = self._defaults(template) if template is not None else None
        quote = connection.ops.quote_name
        self.table = quote(model._meta.db_table)
        self.column_sql = ", ".join(quote(f.column) for f in self.fields)
        self.pk_column = quote(model._meta.pk.column)

    def _defaults(self, template: models.Model) -> list:
        return [f.get_db_prep_save(f.pre_save(template, True), connection) for f in self.fields]

    def row(self, **values) -> list:
        """A row: the template's values with these columns (by attname) replaced."""
        row = list(self.defaults)
        for name, value in values.items():
            row[self.index[name]] = value
        return row

    def insert(
        self, rows: list, *, returning: bool = False, columns: tuple[str, ...] | None = None
    ) -> list[int]:
        """Insert the rows; with ``columns`` (attnames), each row holds only those columns'
        values and every other column takes the template's value, written once per
        statement instead of once per row."""
        if columns is None:
            columns, constants = tuple(self.columns), {}
        else:
            constants = {
                name: value
                for name, value in zip(self.columns, self.defaults, strict=True)
                if name not in columns
            }
        if connection.vendor == "postgresql":
            return self._insert_unnest(rows, columns, constants, returning=returning)
        ids: list[int] = []
        position = {name: i for i, name in enumerate(columns, start=1)}
        # A SELECT over the rows' VALUES: the SELECT list names each column's value, a row's
        # own (column1, column2, ... of the VALUES) or the template's, bound once.
        select = ", ".join(f"column{position[n]}" if n in position else "?" for n in self.columns)
        before = [constants[n] for n in self.columns if n not in position]
        one = "(" + ", ".join(["?"] * len(columns)) + ")"
        per_statement = max(1, min(2000, (max_params() - len(before)) // len(columns)))
        # The driver's own cursor with its own placeholders: Django's cursor rewrites every
        # "%s" of a statement with ~30,000 of them (a regular expression per statement), a
        # fifth of the time these inserts took. Errors still come out as Django's.
        with connection.wrap_database_errors:
            cursor = raw_cursor()
            try:
                for start in range(0, len(rows), per_statement):
                    batch = rows[start : start + per_statement]
                    sql = (
                        f"INSERT INTO {self.table} ({self.column_sql}) SELECT {select} "
                        f"FROM (VALUES {', '.join([one] * len(batch))})"
                    )
                    params = [*before, *chain.from_iterable(batch)]
                    if returning:
                        cursor.execute(f"{sql} RETURNING {self.pk_column}", params)
                        # Keys are handed out in the order of the rows; RETURNING's own order
                        # is not promised, so sort.
                        ids.extend(sorted(r[0] for r in cursor.fetchall()))
                    else:
                        cursor.execute(sql, params)
            finally:
                cursor.close()
        return ids

    def _insert_unnest(
        self, rows: list, columns: tuple[str, ...], constants: dict, *, returning: bool
    ) -> list[int]:
        """PostgreSQL: one array per column (INSERT … SELECT FROM unnest(…)), so a statement
        carries a few dozen parameters however many rows it holds; the driver need not parse a
        statement with tens of thousands of placeholders."""
        if not rows:
            return []
        types = {f.attname: f.db_type(connection) for f in self.fields}
        position = {name: i for i, name in enumerate(columns, start=1)}
        select = ", ".join(
            f"u.c{position[n]}" if n in position else f"%s::{types[n]}" for n in self.columns
        )
        arrays = ", ".join(f"%s::{types[n]}[]" for n in columns)
        names = ", ".join(f"c{i}" for i in range(1, len(columns) + 1))
        sql = (
            f"INSERT INTO {self.table} ({self.column_sql}) SELECT {select} "
            f"FROM unnest({arrays}) AS u({names})"
        )
        if returning:
            sql += f" RETURNING {self.pk_column}"
        before = [constants[n] for n in self.columns if n not in position]
        ids: list[int] = []
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 5000):
                batch = rows[start : start + 5000]
                cursor.execute(
                    sql, [*before, *(list(column) for column in zip(*batch, strict=True))]
                )
                if returning:
                    ids.extend(sorted(r[0] for r in cursor.fetchall()))
        return ids

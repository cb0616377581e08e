"""Fast inserts for imports: many rows per INSERT statement, values prepared once per column.

Django's ``bulk_create`` prepares every field of every object through the ORM and, on SQLite,
sends at most 999 parameters per statement (about 40 assets); for a million rows that overhead
is most of the time. Here a template object gives every column's database value once (defaults,
``auto_now`` times, the collective and author), each row only sets the columns that vary, and
one statement carries up to ~32,000 parameters (SQLite 3.32+) or ~60,000 (PostgreSQL). The
values themselves are validated by kring.imports.validation before they get here."""

import sqlite3

from django.db import connection, models


def _max_params() -> int:
    if connection.vendor == "sqlite":
        return 32_000 if sqlite3.sqlite_version_info >= (3, 32) else 999
    return 60_000


class Inserter:
    """INSERT … VALUES (…), (…) [RETURNING id] for one table."""

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
        self.rows_per_statement = max(1, min(2000, _max_params() // len(self.fields)))

    def _defaults(self, template: models.Model) -> list:
        return [f.get_db_prep_save(f.pre_save(template, True), connection) for f in self.fields]

    def row(self, **values) -> list:
        """A row: the template's values with these columns (by attname) replaced."""
        row = list(self.defaults)
        for name, value in values.items():
            row[self.index[name]] = value
        return row

    def insert(self, rows: list[list], *, returning: bool = False) -> list[int]:
        if connection.vendor == "postgresql":
            return self._insert_unnest(rows, returning=returning)
        ids: list[int] = []
        width = len(self.fields)
        one = "(" + ", ".join(["%s"] * width) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), self.rows_per_statement):
                batch = rows[start : start + self.rows_per_statement]
                sql = f"INSERT INTO {self.table} ({self.column_sql}) VALUES " + ", ".join(
                    [one] * len(batch)
                )
                params = [value for row in batch for value in row]
                if returning:
                    cursor.execute(f"{sql} RETURNING {self.pk_column}", params)
                    # Keys are handed out in the order of the rows; RETURNING's own order is
                    # not promised, so sort.
                    ids.extend(sorted(r[0] for r in cursor.fetchall()))
                else:
                    cursor.execute(sql, params)
        return ids

    def _insert_unnest(self, rows: list[list], *, returning: bool) -> list[int]:
        """PostgreSQL: one array per column (INSERT … SELECT FROM unnest(…)), so a statement
        carries a few dozen parameters however many rows it holds; the driver need not parse a
        statement with tens of thousands of placeholders."""
        if not rows:
            return []
        casts = ", ".join(f"%s::{f.db_type(connection)}[]" for f in self.fields)
        sql = f"INSERT INTO {self.table} ({self.column_sql}) SELECT * FROM unnest({casts})"
        if returning:
            sql += f" RETURNING {self.pk_column}"
        ids: list[int] = []
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 5000):
                batch = rows[start : start + 5000]
                cursor.execute(sql, [list(column) for column in zip(*batch, strict=True)])
                if returning:
                    ids.extend(sorted(r[0] for r in cursor.fetchall()))
        return ids

"""One consistent read of the database, for work that reads much and must see it as of one
moment (a backup, a collective's moving archive) while others keep writing."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def consistent_read():
    """A transaction in which every query sees the same moment. On PostgreSQL it is REPEATABLE
    READ and READ ONLY; on SQLite a transaction reads one moment already."""
    with transaction.atomic():
        # Only the outermost transaction can choose its isolation, as its first statement.
        if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield

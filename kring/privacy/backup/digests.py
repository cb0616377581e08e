"""The restore drill's comparison: per backed-up table its number of rows and a digest of its
contents, the same on SQLite and PostgreSQL."""

import datetime
import hashlib
import json

from django.utils import timezone

from .common import backed_up_models


def _plain(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return str(value)  # Decimal, UUID


def table_digests() -> dict[str, tuple[int, str]]:
    """Per backed-up table (many-to-many tables included): its number of rows and a SHA-256 of
    its rows, each read through Django's fields (so SQLite and PostgreSQL give the same values)
    and written as JSON, sorted. A many-to-many row's own number is left out: its two ends are
    the data (a restore numbers those rows anew). For the restore drill: the same digests on
    the old and the restored database mean the same contents."""
    tables: dict[str, tuple[int, str]] = {}
    models = backed_up_models()
    models += [
        f.remote_field.through
        for model in models
        for f in model._meta.local_many_to_many
        if f.remote_field.through._meta.auto_created
    ]
    for model in sorted(models, key=lambda m: m._meta.db_table):
        fields = [
            f.attname
            for f in model._meta.local_concrete_fields
            if not (model._meta.auto_created and f.primary_key)
        ]
        rows = sorted(
            json.dumps(row, sort_keys=True, default=_plain, ensure_ascii=False)
            for row in model._base_manager.values_list(*fields).iterator(chunk_size=2000)
        )
        digest = hashlib.sha256()
        for row in rows:
            digest.update(row.encode())
            digest.update(b"\n")
        tables[model._meta.db_table] = (len(rows), digest.hexdigest())
    return tables

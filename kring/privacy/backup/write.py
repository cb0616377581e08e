"""Writing a backup: every row in Django's JSON (times to the microsecond, natural keys for
content types, permissions and users), read in one consistent snapshot, with the uploaded files
and a manifest in one tar.gz; the audit chains' heads go in the archive and the anchor file."""

import datetime
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

from kring.core.snapshot import consistent_read

from .. import anchors
from .common import FORMAT, Summary, applied_migrations, backed_up_models


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


class PreciseEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; the audit chain hashes microseconds."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _objects(models):
    """Every row, models in dependency order (as dumpdata does), rows in key order."""
    by_app: dict = {}
    for model in models:
        by_app.setdefault(model._meta.app_config, []).append(model)
    for model in serializers.sort_dependencies(by_app.items(), allow_cycles=True):
        yield from _rows_of(model).iterator(chunk_size=2000)


def _rows_of(model):
    """The model's rows with what the serialiser reads per row fetched along in bulk: the
    objects behind foreign keys written as natural keys (users: their e-mail) and the
    many-to-many lists. Without this the serialiser asks the database once per row for each
    (a backup of the demo on PostgreSQL: 489 s instead of seconds)."""
    natural = [
        f.name
        for f in model._meta.concrete_fields
        if f.remote_field is not None and hasattr(f.remote_field.model, "natural_key")
    ]
    many = [
        f.name for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created
    ]
    rows = model._base_manager.order_by(model._meta.pk.name)
    if natural:
        rows = rows.select_related(*natural)
    if many:
        rows = rows.prefetch_related(*many)
    return rows


def write_backup(path: Path, *, dry_run: bool = False) -> Summary:
    summary = Summary()
    models = backed_up_models()
    with consistent_read():
        for model in models:
            summary.counts[model._meta.label] = model._base_manager.count()
        # The audit chains' heads as this snapshot has them: in the archive, and in the
        # anchor file once the archive is complete.
        anchor = anchors.make_anchor(reason="backup", note=path.name)
        media = _media_files()
        summary.media_files = len(media)
        summary.media_bytes = sum(p.stat().st_size for p in media)
        if dry_run:
            return summary
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data.json"
            with data.open("w", encoding="utf-8") as stream:
                serializers.serialize(
                    "json",
                    _objects(models),
                    stream=stream,
                    use_natural_foreign_keys=True,
                    cls=PreciseEncoder,
                )
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": applied_migrations(),
                "counts": summary.counts,
                "media_files": summary.media_files,
                "audit_anchor": anchor,
            }
            partial = path.with_name(path.name + ".partial")
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
                archive.add(data, "data.json")
                root = Path(settings.MEDIA_ROOT)
                for file in media:
                    archive.add(file, "media/" + file.relative_to(root).as_posix())
            # Only a complete archive gets the real name.
            partial.replace(path)
    anchors.write_anchor(anchor)
    return summary

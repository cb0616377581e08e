"""Backup and restore of a whole installation: the database contents and the uploaded files
in one archive (tar.gz), portable between SQLite and PostgreSQL.

The data is Django's own JSON serialisation (read back by loaddata), times to the microsecond, with natural keys for content
types and permissions, so it does not depend on the database's numbering of those. It is read in
one transaction: REPEATABLE READ on PostgreSQL (a snapshot, writers go on), a SQLite transaction
otherwise (Kring opens them IMMEDIATE, so writers wait until the backup is read). Uploaded files
are never changed in place (every upload gets a new name), so copying them after the snapshot
includes every file the data refers to.

Restoring goes into an empty, migrated database (``manage.py migrate`` first); it refuses a
database that holds anything besides the reference data migrations put in (which is replaced),
and it refuses an archive made with migrations this code does not have (restore with the same
or a newer version of Kring). After loading, every derived table (map cells, search index,
kept counts) is checked against the rows it is made from and made again where it does not
match (``kring.core.derived``)."""

import datetime
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from kring.core import derived
from kring.core.snapshot import consistent_read

from . import anchors

FORMAT = 1
# Made again by `migrate` (content types, permissions) or not worth restoring (log-in sessions,
# workers' heartbeats).
EXCLUDED = [
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "core.WorkerHeartbeat",  # which worker was alive when: not worth restoring
]


class BackupError(Exception):
    """A problem the operator can fix; the message says what to do."""


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    media_bytes: int = 0
    # What the restored audit log's check found (against the backup's own anchor).
    audit_findings: list[str] = field(default_factory=list)
    # After a restore: per derived table what its check found and did (kring.core.derived).
    derived: list = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def backed_up_models():
    excluded = {label.lower() for label in EXCLUDED}
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in excluded and model._meta.managed and not model._meta.proxy
    ]


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


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
                "migrations": _applied_migrations(),
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


def _safe_media_name(name: str) -> PurePosixPath | None:
    relative = PurePosixPath(name).relative_to("media")
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    return relative


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError("Dit bestand is geen Kring-backup (manifest.json ontbreekt).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekende versie van de backup: {manifest.get('format')}.")
    return manifest


def _check_migrations(manifest: dict) -> None:
    here = _applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in here.get(app, [])
    ]
    if missing:
        raise BackupError(
            "De backup is gemaakt met een nieuwere versie van Kring, of de database is nog niet "
            "bijgewerkt. Voer eerst 'manage.py migrate' uit. Ontbreekt: " + ", ".join(missing[:5])
        )


# A database is "empty" when it holds nothing but the reference data that migrations put in
# (public tasks, synonyms, social value proxies, the self-scan's starter set); the archive's
# version of those replaces it. Anything else (a user, a collective, an imported gemeente, a
# log line) would mix two installations, or collide with the archive's rows half-way.
REFERENCE = [
    "initiatives.PublicTask",
    "matching.SynonymGroup",
    "impact.SocialValueProxy",
    "impact.HistoricalSocialValueProxy",
    "selfscan.Theme",
    "selfscan.Statement",
]


def _check_empty() -> None:
    reference = {label.lower() for label in REFERENCE}
    filled = [
        str(model._meta.verbose_name_plural)
        for model in backed_up_models()
        if model._meta.label_lower not in reference and model._base_manager.exists()
    ]
    if filled:
        raise BackupError(
            "De database is niet leeg. Zet een backup alleen terug in een nieuwe, lege database "
            "(maak die aan en voer 'manage.py migrate' uit). Er staat al iets in: "
            + ", ".join(filled[:8])
            + (" en meer" if len(filled) > 8 else "")
            + "."
        )


def _clear_reference_data() -> None:
    # Foreign keys are checked at commit (deferred) on both databases, so order does not matter.
    for model in backed_up_models():
        model._base_manager.all()._raw_delete(DEFAULT_DB_ALIAS)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                through._base_manager.all()._raw_delete(DEFAULT_DB_ALIAS)


def _repair_derived_tables() -> list:
    """The archive's derived tables (map cells, search index, kept counts) came in as they
    were saved; each is checked against the rows it is made from and made again where it does
    not match. In the restore's transaction, so a dry run reports the same."""
    return derived.check_all(repair=True)


def restore_backup(path: Path, *, dry_run: bool = False) -> Summary:
    summary = Summary()
    if not Path(path).is_file():
        raise BackupError(f"Het bestand {path} bestaat niet.")
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"Het bestand {path} is geen leesbare backup: {error}") from error
    with archive, tempfile.TemporaryDirectory() as tmp:
        manifest = _read_manifest(archive)
        _check_migrations(manifest)
        _check_empty()
        media = []
        for member in archive.getmembers():
            if member.name.startswith("media/") and member.isfile():
                relative = _safe_media_name(member.name)
                if relative is None:
                    raise BackupError(f"Onveilige bestandsnaam in de backup: {member.name}")
                media.append((member, relative))
        summary.media_files = len(media)
        summary.media_bytes = sum(m.size for m, _ in media)
        data = Path(tmp) / "data.json"
        source = archive.extractfile("data.json")
        if source is None:
            raise BackupError("De backup mist data.json.")
        with data.open("wb") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        # A dry run does all the same work in the same transaction and rolls it back at the
        # end, so it fails exactly when the real restore would.
        with transaction.atomic():
            _clear_reference_data()
            call_command("loaddata", str(data), database=DEFAULT_DB_ALIAS, verbosity=0)
            # Backups made before anchors were kept have none: the chains are checked alone.
            findings = anchors.verify(anchor=manifest.get("audit_anchor"))
            summary.audit_findings = [str(finding) for finding in findings[:20]]
            if len(findings) > 20:
                summary.audit_findings.append(f"… en nog {len(findings) - 20} bevindingen.")
            summary.derived = _repair_derived_tables()
            summary.counts = {m._meta.label: m._base_manager.count() for m in backed_up_models()}
            if dry_run:
                transaction.set_rollback(True)
        if dry_run:
            return summary
        root = Path(settings.MEDIA_ROOT)
        for member, relative in media:
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, target.open("wb") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
    return summary

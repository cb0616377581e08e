"""Backup and restore of a whole installation: the database contents and the uploaded files
in one archive (tar.gz), portable between SQLite and PostgreSQL.

The data is Django's own JSON serialisation (what loaddata reads), times to the microsecond,
with natural keys for content types and permissions (and users: their e-mail), so it does not
depend on the database's numbering of those. It is read in one transaction: REPEATABLE READ on PostgreSQL (a
snapshot, writers go on), a SQLite transaction otherwise (Kring opens them IMMEDIATE, so writers
wait until the backup is read). Uploaded files are never changed in place (every upload gets a
new name), so copying them after the snapshot includes every file the data refers to.

Restoring goes into an empty, migrated database (``manage.py migrate`` first); it refuses a
database that holds anything besides the reference data migrations put in (which is replaced),
and it refuses an archive made with migrations this code does not have (restore with the same
or a newer version of Kring). The rows go in raw, in batches per model (no save signals, no
field that fills itself in); foreign keys are checked at the end in the same transaction, and
the tables' counters are moved past the restored keys. After loading, every derived table (map
cells, search index, kept counts) is checked against the rows it is made from and made again
where it does not match (``kring.core.derived``)."""

import datetime
import io
import json
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, transaction
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
    # After a restore: seconds spent loading the rows, checking the audit log and checking
    # the derived tables.
    seconds: dict[str, float] = field(default_factory=dict)

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


class _Deserializer(PythonDeserializer):
    """Django's deserialiser, with the rows behind natural keys (users, by their e-mail) looked
    up once each: from the archive's own rows as they pass by, else from the database. Django's
    own asks the database again for every row that refers to a user."""

    def __init__(self, objects, **options):
        super().__init__(objects, **options)
        self.natural: dict[tuple, object] = {}

    def remember(self, instance) -> None:
        if hasattr(instance, "natural_key"):
            self.natural[(type(instance), tuple(instance.natural_key()))] = instance.pk

    def _natural_pk(self, model, value):
        key = (model, tuple(value))
        if key not in self.natural:
            self.natural[key] = (
                model._default_manager.db_manager(self.using).get_by_natural_key(*value).pk
            )
        return self.natural[key]

    def _handle_fk_field_node(self, field, field_value):
        model = field.remote_field.model
        if (
            isinstance(field_value, list)
            and hasattr(model._default_manager, "get_by_natural_key")
            and field.remote_field.field_name == model._meta.pk.name
        ):
            return model._meta.pk.to_python(self._natural_pk(model, field_value))
        return super()._handle_fk_field_node(field, field_value)

    def _handle_m2m_field_node(self, field, field_value):
        model = field.remote_field.model
        if hasattr(model._default_manager, "get_by_natural_key") and all(
            isinstance(value, list) for value in field_value
        ):
            return [self._natural_pk(model, value) for value in field_value]
        return super()._handle_m2m_field_node(field, field_value)


def _insert(model, instances: list, m2m: list) -> None:
    """The rows as they were saved: raw, so no save signals fire and no field fills itself in
    (``auto_now``), in batches the database takes in one statement."""
    if instances:
        fields = model._meta.local_concrete_fields
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, instances)))
        for start in range(0, len(instances), size):
            model._base_manager._insert(
                instances[start : start + size], fields=fields, raw=True, using=DEFAULT_DB_ALIAS
            )
    by_through: dict = {}
    for instance, m2m_data in m2m:
        for name, values in m2m_data.items():
            remote = model._meta.get_field(name).remote_field
            through = remote.through
            source = remote.field.m2m_field_name()
            target = remote.field.m2m_reverse_field_name()
            by_through.setdefault(through, []).extend(
                through(**{f"{source}_id": instance.pk, f"{target}_id": value}) for value in values
            )
    for through, rows in by_through.items():
        fields = [f for f in through._meta.local_concrete_fields if not f.primary_key]
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, rows)))
        for start in range(0, len(rows), size):
            through._base_manager._insert(
                rows[start : start + size], fields=fields, raw=True, using=DEFAULT_DB_ALIAS
            )


# Rows per INSERT statement (fewer where the database takes fewer values in one statement).
BATCH = 1000


def _load_rows(data: Path) -> None:
    """Every row of data.json into the database in batches, model by model, as the backup wrote
    them (dependency order); foreign keys are checked once at the end, in this transaction (on
    both databases they are deferred to the commit, which a dry run never reaches), and the
    tables' counters continue after the highest restored key."""
    try:
        with data.open(encoding="utf-8") as stream:
            objects = json.load(stream)
    except ValueError as error:
        raise BackupError(f"De gegevens in de backup zijn beschadigd: {error}") from error
    # Read from the end, so each row's parsed form is let go of once it is loaded.
    objects.reverse()

    def rows():
        while objects:
            yield objects.pop()

    deserializer = _Deserializer(rows(), using=DEFAULT_DB_ALIAS)
    loaded: set = set()
    model, batch, m2m = None, [], []
    try:
        for item in deserializer:
            instance = item.object
            if type(instance) is not model or len(batch) >= BATCH:
                if model is not None:
                    _insert(model, batch, m2m)
                model, batch, m2m = type(instance), [], []
                loaded.add(model)
            deserializer.remember(instance)
            batch.append(instance)
            if item.m2m_data:
                m2m.append((instance, item.m2m_data))
        if model is not None:
            _insert(model, batch, m2m)
        with_through = loaded | {
            f.remote_field.through
            for m in loaded
            for f in m._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created
        }
        connection.check_constraints(table_names=[m._meta.db_table for m in with_through])
    except (DeserializationError, ObjectDoesNotExist) as error:
        raise BackupError(f"De gegevens in de backup zijn beschadigd: {error}") from error
    except IntegrityError as error:
        raise BackupError(
            f"De gegevens in de backup passen niet bij elkaar; er is niets teruggezet: {error}"
        ) from error
    statements = connection.ops.sequence_reset_sql(no_style(), list(with_through))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


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
            started = time.perf_counter()
            _clear_reference_data()
            _load_rows(data)
            summary.seconds["load"] = time.perf_counter() - started
            # Backups made before anchors were kept have none: the chains are checked alone.
            started = time.perf_counter()
            findings = anchors.verify(anchor=manifest.get("audit_anchor"))
            summary.seconds["audit"] = time.perf_counter() - started
            summary.audit_findings = [str(finding) for finding in findings[:20]]
            if len(findings) > 20:
                summary.audit_findings.append(f"… en nog {len(findings) - 20} bevindingen.")
            started = time.perf_counter()
            summary.derived = _repair_derived_tables()
            summary.seconds["derived"] = time.perf_counter() - started
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
    import hashlib

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

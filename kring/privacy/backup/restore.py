"""Restoring a backup into an empty, migrated database, in one transaction (a dry run rolls it
back at the end): the checks, the rows, the audit log checked against the archive's anchor, the
derived tables checked and made again where they differ, then the uploaded files."""

import tarfile
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kring.core import derived

from .. import anchors
from .checks import (
    check_empty,
    check_migrations,
    clear_reference_data,
    read_manifest,
    safe_media_name,
)
from .common import BackupError, Summary, backed_up_models
from .load import load_rows


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
        manifest = read_manifest(archive)
        check_migrations(manifest)
        check_empty()
        media = []
        for member in archive.getmembers():
            if member.name.startswith("media/") and member.isfile():
                relative = safe_media_name(member.name)
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
            clear_reference_data()
            load_rows(data)
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

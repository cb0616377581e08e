"""Writing a collective's archive: its rows, the references that leave it, and its files."""

import json
import zipfile
from importlib import metadata
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connection, models
from django.utils import timezone

from kring.communities.models import Membership
from kring.core.models import User
from kring.core.snapshot import consistent_read
from kring.privacy import audit_move

from .tables import (
    FORMAT,
    GEO_MODELS,
    LEFT_OUT,
    applied_migrations,
    collective_models,
    encode,
    is_user,
    querysets,
    sha256,
)


def _kring_version() -> str:
    try:
        return metadata.version("kring")
    except metadata.PackageNotFoundError:
        return "onbekend"


def _row(obj, *, files: set, users: set) -> dict:
    row = {}
    for f in obj._meta.concrete_fields:
        value = f.value_from_object(obj)
        if isinstance(f, models.FileField) and value:
            files.add(value.name)
        if f.is_relation and is_user(f.related_model) and value is not None:
            users.add(value)
        row[f.attname] = encode(f, value)
    return row


def _collective_row(collective, *, files: set) -> dict:
    row = _row(collective, files=files, users=set())
    row["municipality_id"] = collective.municipality.code
    row["working_area"] = sorted(collective.working_area.values_list("code", flat=True))
    return row


def no_progress(share: float) -> None:
    pass


def collect(collective, progress=no_progress) -> tuple[dict, set]:
    """The collective's rows as plain JSON values, and the names of the files they use.
    ``progress(share)`` hears how far it got (0.0 to 1.0)."""
    files: set = set()
    users: set = set()
    tables: dict[str, list[dict]] = {}
    ordered = collective_models()
    for done, (model, queryset) in enumerate(querysets(collective, ordered)):
        progress(done / len(ordered))
        rows = []
        m2m_fields = model._meta.local_many_to_many
        prefetch = [m.name for m in m2m_fields]
        for obj in queryset.prefetch_related(*prefetch).iterator(chunk_size=500):
            row = _row(obj, files=files, users=users)
            for m2m in m2m_fields:
                row[m2m.name] = sorted(o.pk for o in getattr(obj, m2m.name).all())
            rows.append(row)
        tables[model._meta.label_lower] = rows
    # Foreign keys that leave the collective: remember what identifies them elsewhere.
    refs: dict[str, dict] = {
        "users": {},
        "municipality": {},
        "district": {},
        "neighbourhood": {},
        "publictask": {},
    }
    for model in ordered:
        for f in [*model._meta.concrete_fields, *model._meta.local_many_to_many]:
            target = f.related_model if f.is_relation else None
            if target in GEO_MODELS:
                ids = _ids(tables[model._meta.label_lower], f)
                for pk, code in target.objects.filter(pk__in=ids).values_list("pk", "code"):
                    refs[target._meta.model_name][str(pk)] = code
            elif target is not None and target._meta.label_lower == "initiatives.publictask":
                ids = _ids(tables[model._meta.label_lower], f)
                for task in target.objects.filter(pk__in=ids):
                    refs["publictask"][str(task.pk)] = {
                        "name": task.name,
                        "description": task.description,
                        "position": task.position,
                    }
    collective_row = _collective_row(collective, files=files)
    members = {m.user_id: m.role for m in Membership.objects.filter(collective=collective)}
    users |= set(members)
    chain = audit_move.export_chain(collective)
    users |= {row["actor_ref"] for row in chain["entries"] if row["actor_ref"] is not None}
    for user in User.objects.filter(pk__in=users).order_by("pk"):
        refs["users"][str(user.pk)] = {"email": user.email, "name": user.name}
    data = {
        "collective": collective_row,
        "tables": tables,
        "references": refs,
        "audit": chain,
    }
    return data, {f for f in files if f}


def _ids(rows: list[dict], f) -> set:
    if f.many_to_many:
        return {pk for row in rows for pk in row[f.name]}
    return {row[f.attname] for row in rows if row[f.attname] is not None}


def export_collective(collective, path: Path, *, progress=no_progress) -> dict:
    """Write the archive; returns its manifest. ``progress(share)`` hears how far it got:
    reading the rows is counted as the first half, the files as the rest."""
    path = Path(path)
    with consistent_read():
        data, files = collect(collective, lambda share: progress(share / 2))
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()
    checksums = {"data.json": sha256(payload)}
    present = []
    for name in sorted(files):
        if default_storage.exists(name):
            present.append(name)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", payload)
        for done, name in enumerate(present):
            progress(0.5 + 0.5 * done / len(present))
            with default_storage.open(name, "rb") as source:
                content = source.read()
            member = f"files/{name}"
            checksums[member] = sha256(content)
            archive.writestr(member, content)
        manifest = {
            "format": FORMAT,
            "kring_version": _kring_version(),
            "created": timezone.now().isoformat(),
            "collective": collective.slug,
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "counts": {
                "communities.collective": 1,
                **{label: len(rows) for label, rows in data["tables"].items()},
            },
            "users": len(data["references"]["users"]),
            "files": sorted(f"files/{n}" for n in present),
            "missing_files": sorted(set(files) - set(present)),
            "left_out": LEFT_OUT,
            "audit": {
                "entries": len(data["audit"]["entries"]),
                "head": data["audit"]["head"],
                "digest": data["audit"]["digest"],
            },
            "sha256": checksums,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    partial.replace(path)
    return manifest

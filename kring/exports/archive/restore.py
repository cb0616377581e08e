"""Reading an archive back: every member checked against the manifest, the rows written under new
numbers, users matched by e-mail address, the audit log moved into this installation's chain."""

import json
import zipfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction

from kring.communities import services as community_services
from kring.communities.access import CollectiveAccess
from kring.communities.models import Collective, Membership
from kring.core import audit
from kring.core.models import User
from kring.geo.models import Municipality, Neighbourhood
from kring.initiatives.models import PublicTask
from kring.maps.cells import rebuild_cells
from kring.matching.services import rebuild_search_index
from kring.people.models import Resident
from kring.privacy import audit_move

from .tables import (
    FORMAT,
    GEO_MODELS,
    ArchiveError,
    applied_migrations,
    collective_models,
    decode,
    history_of,
    is_user,
    sha256,
)

# --- Import -------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    collective: Collective | None = None
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    users_created: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _safe_file_name(member: str) -> str:
    relative = PurePosixPath(member).relative_to("files")
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ArchiveError(f"Onveilige bestandsnaam in het archief: {member}")
    return relative.as_posix()


def read_archive(path: Path) -> tuple[dict, dict, dict[str, bytes]]:
    """Manifest, data and files, after every checksum was checked."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(f"Dit is geen leesbaar zip-archief: {error}") from error
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise ArchiveError("Dit is geen verhuisarchief van Kring: manifest.json ontbreekt.")
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except ValueError as error:
            raise ArchiveError("manifest.json is geen geldige JSON.") from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveError(
                f"Onbekende versie van het archief: {manifest.get('format')!r}. "
                f"Deze Kring leest versie {FORMAT}."
            )
        checksums = manifest.get("sha256") or {}
        extra = names - set(checksums) - {"manifest.json"}
        missing = set(checksums) - names
        if extra or missing or "data.json" not in checksums:
            raise ArchiveError(
                "Het archief is niet compleet of er is iets aan toegevoegd: "
                + ", ".join(sorted(extra | missing)[:5] or ["data.json"])
            )
        contents = {}
        for member, expected in sorted(checksums.items()):
            content = archive.read(member)
            if sha256(content) != expected:
                raise ArchiveError(
                    f"De controlesom van {member} klopt niet: het archief is beschadigd of "
                    "veranderd. Er is niets ingelezen."
                )
            contents[member] = content
    data = json.loads(contents.pop("data.json"))
    files = {_safe_file_name(member): content for member, content in contents.items()}
    return manifest, data, files


def _check_migrations(manifest: dict) -> None:
    here = applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in (manifest.get("migrations") or {}).items()
        if app in here
        for name in names
        if name not in here.get(app, [])
    ]
    if missing:
        raise ArchiveError(
            "Het archief is gemaakt met een nieuwere versie van Kring, of deze database is nog "
            "niet bijgewerkt ('manage.py migrate'). Ontbreekt: " + ", ".join(missing[:5])
        )


class _Mapper:
    """Old numbers to new objects' numbers, per table."""

    def __init__(self, data: dict, collective: Collective):
        refs = data["references"]
        self.collective = collective
        self.ids: dict = defaultdict(dict)
        self.geo = {}
        for model in GEO_MODELS:
            codes = refs[model._meta.model_name]
            found = dict(
                model.objects.filter(code__in=set(codes.values())).values_list("code", "pk")
            )
            lacking = sorted(set(codes.values()) - set(found))
            if lacking:
                raise ArchiveError(
                    f"Deze installatie mist {len(lacking)} {model._meta.verbose_name_plural} "
                    f"van het collectief: {', '.join(lacking[:10])}. Lees eerst de CBS wijk- en "
                    "buurtkaart in (manage.py import_regions of in het beheer)."
                )
            self.geo[model] = {int(old): found[code] for old, code in codes.items()}
        self.tasks = {}

        for old, task in refs["publictask"].items():
            obj, _created = PublicTask.objects.get_or_create(
                name=task["name"],
                defaults={"description": task["description"], "position": task["position"]},
            )
            self.tasks[int(old)] = obj.pk
        self.users: dict[int, int] = {}

    def target(self, model, old):
        if old is None:
            return None
        if model is Collective:
            return self.collective.pk
        if is_user(model):
            return self.users.get(old)
        if model in self.geo:
            return self.geo[model].get(old)
        if model._meta.label_lower == "initiatives.publictask":
            return self.tasks.get(old)
        return self.ids[model].get(old)


def _users(data: dict, mapper: _Mapper, summary: ImportSummary) -> set[int]:
    created = set()
    for old, person in data["references"]["users"].items():
        email = person["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, name=person["name"][:150], is_active=False)
            user.set_unusable_password()
            user.save()
            created.add(user.pk)
            summary.users_created.append(email)
        mapper.users[int(old)] = user.pk
    return created


@contextmanager
def _keep_times(models_list):
    """Keep the archive's times: auto_now(_add) would stamp every row with today."""
    switched = []
    for model in models_list:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                switched.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in switched:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _store_files(files: dict[str, bytes]) -> dict[str, str]:
    """Save every file; the storage may choose another name when one is taken."""
    return {
        name: default_storage.save(name, ContentFile(content)) for name, content in files.items()
    }


def _build(model, row: dict, mapper: _Mapper, names: dict[str, str], summary: ImportSummary):
    values = {}
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        value = row.get(f.attname)
        if f.is_relation:
            new = mapper.target(f.related_model, value)
            if value is not None and new is None:
                if not f.null:
                    raise ArchiveError(
                        f"{model._meta.label} verwijst naar iets dat niet is meegekomen "
                        f"({f.name} {value})."
                    )
                summary.notes.append(f"{model._meta.label}.{f.name} {value}: leeg gelaten")
            values[f.attname] = new
        elif isinstance(f, models.FileField):
            values[f.attname] = names.get(value, value) if value else value
        else:
            values[f.attname] = decode(f, value)
    history = history_of(model)
    if history is not None:
        values["id"] = mapper.ids[history].get(row["id"])
    return model(**values)


def import_collective(path: Path, *, slug: str | None = None, dry_run: bool = False):
    """Read an archive into this installation in one transaction; returns what was made."""
    manifest, data, files = read_archive(Path(path))
    _check_migrations(manifest)
    summary = ImportSummary()
    row = data["collective"]
    slug = slug or row["slug"]
    if Collective.objects.filter(slug=slug).exists():
        raise ArchiveError(
            f"Er is al een collectief met de korte naam '{slug}'. Kies een andere met --slug."
        )
    municipality = Municipality.objects.filter(code=row["municipality_id"]).first()
    if municipality is None:
        raise ArchiveError(
            f"Deze installatie kent gemeente {row['municipality_id']} niet. Lees eerst de CBS "
            "wijk- en buurtkaart in (manage.py import_regions of in het beheer)."
        )
    ordered = collective_models()
    known = {m._meta.label_lower: m for m in ordered}
    unknown = sorted(set(data["tables"]) - set(known))
    if unknown:
        raise ArchiveError(
            "Het archief bevat tabellen die deze Kring niet kent: " + ", ".join(unknown)
        )
    names = _store_files(files) if not dry_run else {}
    try:
        with transaction.atomic(), _keep_times([Collective, *ordered]):
            _write(data, slug, municipality, ordered, names, summary)
            summary.files = len(files)
            if dry_run:
                transaction.set_rollback(True)
    except BaseException as error:
        # All or nothing: files saved for a failed import go too.
        for name in names.values():
            default_storage.delete(name)
        if isinstance(error, IntegrityError):
            raise ArchiveError(
                "Het archief botst met wat er in deze installatie al staat (een waarde die "
                f"uniek moet zijn). Er is niets ingelezen. Technisch: {error}"
            ) from error
        raise
    return summary


def _write(data, slug, municipality, ordered, names, summary) -> None:
    collective = _make_collective(data["collective"], slug, municipality, names)
    summary.collective = collective
    summary.counts["communities.collective"] = 1
    mapper = _Mapper(data, collective)
    created_users = _users(data, mapper, summary)
    taken = set()
    for model in ordered:
        summary.counts[model._meta.label_lower] = _write_table(
            model, data, mapper, names, summary, taken
        )
    if "audit" in data:
        summary.counts["privacy.auditentry"] = _move_audit(data["audit"], mapper, collective)
        if data["audit"]["findings"]:
            summary.notes.append(
                "het logboek had in de oude installatie bevindingen: "
                + "; ".join(data["audit"]["findings"][:3])
            )
    _invite(collective, created_users, summary)

    rebuild_search_index(collective=collective)
    rebuild_cells(collective.pk)
    moved = data.get("audit", {})
    audit.record(
        actor=None,
        collective=collective,
        action=audit.Action.CREATE,
        target=collective,
        summary=f"verhuisarchief ingelezen: {sum(summary.counts.values())} rijen, "
        f"{len(names)} bestanden, {len(summary.users_created)} nieuwe inloggen; logboek "
        f"meegekomen: {len(moved.get('entries', []))} regels, controlegetal "
        f"{moved.get('digest', '-')}",
    )


def _make_collective(row: dict, slug: str, municipality, names: dict) -> Collective:
    """The collective itself, under its new slug, with its working area in this installation."""
    collective = Collective(municipality=municipality)
    for f in Collective._meta.concrete_fields:
        if f.primary_key or f.attname == "municipality_id":
            continue
        if isinstance(f, models.FileField):
            setattr(collective, f.attname, names.get(row[f.attname], row[f.attname]))
        else:
            setattr(collective, f.attname, decode(f, row[f.attname]))
    collective.slug = slug
    collective.save(force_insert=True)
    areas = Neighbourhood.objects.filter(code__in=row["working_area"])
    if areas.count() != len(row["working_area"]):
        lacking = set(row["working_area"]) - set(areas.values_list("code", flat=True))
        raise ArchiveError(
            "Deze installatie mist buurten van het werkgebied: "
            + ", ".join(sorted(lacking)[:10])
            + ". Lees eerst de CBS wijk- en buurtkaart in."
        )
    collective.working_area.set(areas)
    return collective


def _write_table(model, data, mapper: _Mapper, names, summary, taken: set) -> int:
    """One table's rows with new numbers (remembered in ``mapper``) and their many-to-many
    links; returns how many rows were written."""
    label = model._meta.label_lower
    objs, kept = [], []
    for r in data["tables"].get(label, []):
        history = history_of(model)
        if history is not None and mapper.ids[history].get(r["id"]) is None:
            continue  # the history of a deleted record: no number to hang it on
        obj = _build(model, r, mapper, names, summary)
        if label == "people.resident" and obj.user_id is not None:
            # A log-in has at most one resident record in an installation.
            if obj.user_id in taken or model._base_manager.filter(user_id=obj.user_id).exists():
                summary.notes.append(f"bewoner {r['id']}: inlog niet gekoppeld (al in gebruik)")
                obj.user_id = None
            taken.add(obj.user_id)
        objs.append(obj)
        kept.append(r)
    model._base_manager.bulk_create(objs, batch_size=500)
    pk_name = model._meta.pk.attname
    for r, obj in zip(kept, objs, strict=True):
        mapper.ids[model][r[pk_name]] = obj.pk
    for m2m in model._meta.local_many_to_many:
        through = m2m.remote_field.through
        source = m2m.m2m_field_name()
        target = m2m.m2m_reverse_field_name()
        links = []
        for r, obj in zip(kept, objs, strict=True):
            for old in r.get(m2m.name, []):
                new = mapper.target(m2m.related_model, old)
                if new is not None:
                    links.append(through(**{f"{source}_id": obj.pk, f"{target}_id": new}))
        through._base_manager.bulk_create(links, batch_size=1000)
    return len(objs)


def _move_audit(chain: dict, mapper: _Mapper, collective) -> int:
    """The collective's audit entries, checked, into this installation's chain."""

    def target(target_type: str, old: str):
        try:
            model = apps.get_model(target_type)
            old_id = int(old)
        except (LookupError, ValueError):
            return None
        new = mapper.target(model, old_id)
        return str(new) if new is not None else None

    def subject(old):
        return None if old is None else mapper.ids[Resident].get(old)

    try:
        return audit_move.import_chain(
            collective=collective,
            payload=chain,
            user=lambda old: None if old is None else mapper.users.get(old),
            target=target,
            subject=subject,
        )
    except audit_move.ChainMoveError as error:
        raise ArchiveError(str(error)) from error


def _invite(collective, created_users: set[int], summary: ImportSummary) -> None:
    """Members whose log-in was made here get an invitation to set a password."""

    access = CollectiveAccess(user=None, collective=collective, membership=None)
    for membership in Membership.objects.filter(
        collective=collective, user_id__in=created_users
    ).select_related("user"):
        community_services.invite_member(
            access=access, email=membership.user.email, role=membership.role
        )
        summary.invited.append(membership.user.email)

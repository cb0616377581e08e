"""Which tables belong to a collective (found by walking the models), how their values are written
to JSON and read back, and what export and import both check."""

import datetime
import hashlib
import uuid
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder

from kring.communities.models import Collective
from kring.geo.models import District, Municipality, Neighbourhood

FORMAT = 1

# Tables that hang on a collective but do not move, and why (shown by the commands).
LEFT_OUT = {
    "privacy.auditcheckpoint": "where the old chain's trimmed beginning was; the moved audit "
    "entries (audit.json) start a new keyed chain here.",
    "communities.invitation": "open invitation links are secrets of the old installation; "
    "members without a log-in get a new invitation instead.",
    "network.networkanalysis": "a computed result keyed by old numbers; start a new analysis.",
    "matching.searchdocument": "the search index is rebuilt on import.",
    "assets.categorycount": "a cache of the overview's counts; counted again on the first visit.",
    "maps.clustercell": "the map's cluster cells are counted again from the assets on import.",
    "imports.importjob": "an import job is a transient upload (its file is removed once the "
    "import ends); what it imported moves as ordinary rows.",
    "exports.archivejob": "a moving archive made here, kept for a day; not part of the move.",
    "joining.joinrequest": "the sign-up that led to the collective is the network's record here.",
    "news.delivery": "who got which message is this installation's sending report; the "
    "messages themselves move.",
    "news.optout": "a member's opt-out names a log-in of this installation; members opt out "
    "again with the link in the next message.",
    "impact.figurestore": "the gemeente's figures kept between questions, keyed by this "
    "installation's numbers; counted again at the next question.",
}
# Moved apart from the other tables: the audit log's entries go into the new installation's
# own keyed chain, checked on the way (kring.privacy.audit_move).
MOVED_APART = {"privacy.auditentry"}
# Matched in the target installation by a natural key instead of being copied.
GEO_MODELS = (Municipality, District, Neighbourhood)


class ArchiveError(Exception):
    """A problem the operator can fix; the message says what, in Dutch."""


# --- Which tables belong ------------------------------------------------------------------


def history_of(model):
    """The model a django-simple-history table records, or None."""
    return getattr(model, "instance_type", None)


def collective_models() -> list[type[models.Model]]:
    """Every table that belongs to a collective, parents before children."""
    candidates = [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m is not Collective
    ]
    belonging: set = set()
    changed = True
    while changed:
        changed = False
        for model in candidates:
            label = model._meta.label_lower
            if model in belonging or label in LEFT_OUT or label in MOVED_APART:
                continue
            for f in model._meta.concrete_fields:
                target = f.related_model if f.is_relation else None
                if target is Collective or target in belonging:
                    belonging.add(model)
                    changed = True
                    break
    ordered: list = []

    def visit(model, path=()):
        if model in ordered:
            return
        if model in path:
            raise ArchiveError(
                f"Kring kan de volgorde niet bepalen: kring bij {model._meta.label}."
            )
        for dep in _dependencies(model, belonging):
            visit(dep, (*path, model))
        ordered.append(model)

    for model in sorted(belonging, key=lambda m: m._meta.label):
        visit(model)
    return ordered


def _dependencies(model, belonging) -> list:
    deps = []
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model in belonging and f.related_model is not model:
            deps.append(f.related_model)
    history = history_of(model)
    if history in belonging:
        deps.append(history)
    for m2m in model._meta.local_many_to_many:
        if m2m.related_model in belonging and m2m.related_model is not model:
            deps.append(m2m.related_model)
    return sorted(set(deps), key=lambda m: m._meta.label)


def _path_to_collective(model, belonging_paths: dict) -> str:
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is Collective:
            return f.name
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model in belonging_paths:
            return f"{f.name}__{belonging_paths[f.related_model]}"
    raise ArchiveError(f"{model._meta.label} hangt niet aan een collectief.")


def querysets(collective, ordered):
    paths: dict = {}
    for model in ordered:
        paths[model] = _path_to_collective(model, paths)
        yield model, model._base_manager.filter(**{paths[model]: collective}).order_by("pk")


# --- Values to and from JSON --------------------------------------------------------------


def encode(f, value):
    if value is None:
        return None
    if isinstance(f, models.FileField):
        return value.name or ""
    if isinstance(f, models.JSONField):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def decode(f, value):
    if value is None or isinstance(f, models.JSONField | models.FileField):
        return value
    return f.to_python(value)


def is_user(model) -> bool:
    return model is not None and model._meta.label == settings.AUTH_USER_MODEL


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = defaultdict(list)
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied[app].append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

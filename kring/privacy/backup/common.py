"""What a backup and a restore share: the archive's format number, the models that are backed up
(all but those ``migrate`` makes again or that are not worth keeping), the summary either
returns, the error an operator can fix, and the migrations applied here."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
# Made again by `migrate` (content types, permissions) or not worth restoring (log-in sessions,
# workers' heartbeats).
EXCLUDED = [
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "core.WorkerHeartbeat",  # which worker was alive when: not worth restoring
    # Each collective's data versions (one for all its data, one per kind): the triggers set
    # fresh ones while the rows are restored, so no cache can hold a part of the restored data
    # under a version it knew.
    "core.DataVersion",
    "core.KindVersion",
    # Each collective's typo vocabulary: the triggers on the search documents count it again
    # while they are restored.
    "matching.TypoWord",
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


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}

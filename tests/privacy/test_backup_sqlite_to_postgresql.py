"""The path of a collective that outgrows the demo set-up: an installation on SQLite, backed up,
restored into PostgreSQL, holds the same rows in every table (a content digest per table)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from kring.privacy import audit
from kring.privacy.backup import table_digests

ROOT = Path(__file__).resolve().parents[2]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_installation_restores_into_postgresql(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL as the receiving database (the PostgreSQL pass of CI)")
    # The SQLite installation runs as its own process with the project's settings, as an
    # operator's would; the audit key is the same (the demo's), as it would be on a move.
    source = {
        **os.environ,
        "KRING_DEBUG": "true",
        "KRING_DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}",
        "KRING_MEDIA_ROOT": str(tmp_path / "source-media"),
        "KRING_AUDIT_ANCHOR_DIR": str(tmp_path / "source-anchors"),
        "KRING_TASKS_IMMEDIATE": "true",
        "DJANGO_SETTINGS_MODULE": "kring.settings",
    }
    manage(source, "migrate", "--no-input", "-v0")
    manage(source, "load_demo", "--size", "small")
    archive = tmp_path / "demo.tar.gz"
    manage(source, "kring_backup", str(archive))
    digests_on_sqlite = {}
    for line in manage(source, "kring_table_digests").splitlines():
        table, rows, digest = line.split("\t")
        if table != "all tables":
            digests_on_sqlite[table] = (int(rows), digest)
    assert digests_on_sqlite["maps_clustercell"][0] and digests_on_sqlite["people_resident"][0]

    # The receiving PostgreSQL database: migrated, and empty apart from nothing at all.
    call_command("flush", interactive=False, verbosity=0)
    call_command("kring_restore", str(archive), "--dry-run")
    call_command("kring_restore", str(archive))

    assert table_digests() == digests_on_sqlite
    assert audit.verify_chain() == []
    source_media = tmp_path / "source-media"
    uploaded = sorted(p.relative_to(source_media) for p in source_media.rglob("*") if p.is_file())
    restored = sorted(
        p.relative_to(settings.MEDIA_ROOT)
        for p in Path(settings.MEDIA_ROOT).rglob("*")
        if p.is_file()
    )
    assert uploaded and restored == uploaded

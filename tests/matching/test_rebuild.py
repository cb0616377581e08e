"""A full rebuild of the index on PostgreSQL, seen from other connections: searches keep being
answered from the old index while it runs, and a write of the index made meanwhile waits and
ends up in the new one."""

import threading

import pytest
from django.db import connection, connections

from kring.assets.models import Asset
from kring.matching import search, services
from kring.matching.engine import TABLE
from kring.matching.models import SearchDocument
from kring.people.models import ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _gift(collective, title):
    person = factories.ResidentFactory(collective=collective)
    factories.ConsentFactory(resident=person, purpose=ConsentPurpose.MATCHING)
    gift = factories.GiftFactory(collective=collective, resident=person, title=title)
    services.index_assets(asset_ids=[gift.pk])
    return gift


def _in_thread(function, errors):
    def run():
        try:
            function()
        except BaseException as error:  # handed to the test
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _titles(collective, text):
    return sorted(m.asset.title for m in search(collective=collective, text=text))


def test_searches_are_answered_while_everything_is_rebuilt(collective, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's readers see the last commit in WAL mode; a file database is needed")
    kept = _gift(collective, "Fietsen repareren")
    changed = _gift(collective, "Taarten bakken")
    # The asset changed without its document (as a bulk path that indexes later would).
    Asset.objects.filter(pk=changed.pk).update(title="Breien en haken")
    built, go = threading.Event(), threading.Event()
    write_all = services._write_all

    def write_all_then_wait(*args, **kwargs):
        written = write_all(*args, **kwargs)
        built.set()
        assert go.wait(30)
        return written

    monkeypatch.setattr(services, "_write_all", write_all_then_wait)
    errors = []
    rebuild = _in_thread(services.rebuild_search_index, errors)
    try:
        assert built.wait(30), errors
        with connection.cursor() as cursor:
            # A search that waited for the rebuild fails here instead of hanging the test.
            cursor.execute("SET statement_timeout = '5s'")
            cursor.execute(
                "SELECT l.mode FROM pg_locks l WHERE l.relation = %s::regclass AND l.granted "
                "AND l.pid <> pg_backend_pid()",
                [TABLE],
            )
            # Writers are held up (SHARE), readers not (nothing stronger).
            modes = {mode for (mode,) in cursor.fetchall()}
            assert "ShareLock" in modes and modes <= {"ShareLock", "AccessShareLock"}
        # Answered, from the old index.
        assert _titles(collective, "fiets") == ["Fietsen repareren"]
        assert _titles(collective, "taart") == ["Breien en haken"]  # the old document
        assert _titles(collective, "breien") == []
        # A write of the index meanwhile waits for the rebuild and is not lost.
        Asset.objects.filter(pk=kept.pk).update(title="Gitaarles")
        writer = _in_thread(lambda: services.index_assets(asset_ids=[kept.pk]), errors)
        writer.join(1)
        assert writer.is_alive()  # waiting for the rebuild's lock
    finally:
        go.set()
        rebuild.join(30)
    writer.join(30)
    assert not errors, errors
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
    assert _titles(collective, "breien") == ["Breien en haken"]
    assert _titles(collective, "taart") == []
    assert _titles(collective, "gitaar") == ["Gitaarles"]
    assert _titles(collective, "fiets") == []
    assert SearchDocument.objects.count() == 2


def test_the_swapped_table_is_what_the_migrations_made(collective):
    if connection.vendor != "postgresql":
        pytest.skip("the swap is PostgreSQL's")
    _gift(collective, "Fietsen repareren")

    def shape():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s ORDER BY 1",
                [TABLE],
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass ORDER BY 1",
                [TABLE],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                "WHERE table_name = %s ORDER BY ordinal_position",
                [TABLE],
            )
            columns = cursor.fetchall()
            # The typo vocabulary's and the data versions' triggers go with the new table.
            cursor.execute(
                "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE tgrelid = %s::regclass AND NOT tgisinternal ORDER BY 1",
                [TABLE],
            )
            return indexes, constraints, columns, cursor.fetchall()

    before = shape()
    assert any("gin" in definition for _name, definition in before[0])
    assert any(name.startswith("matching_typo_words") for name, _definition in before[3])
    assert services.rebuild_search_index() == 1
    assert shape() == before
    assert _titles(collective, "fiets") == ["Fietsen repareren"]

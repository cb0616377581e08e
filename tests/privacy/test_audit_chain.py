"""The audit log notices tampering: a changed entry, one removed in the middle, removed newest
entries, a chain re-hashed with the old algorithm (plain SHA-256, no key), an emptied log."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kring.privacy import anchors, audit
from kring.privacy.models import AuditCheckpoint, AuditEntry

from .. import factories


@pytest.fixture
def logged(collective, other_collective, alice, charlie):
    resident = factories.ResidentFactory(collective=collective)
    other = factories.ResidentFactory(collective=other_collective)
    entries = []
    for action in (audit.Action.CREATE, audit.Action.VIEW, audit.Action.CHANGE, audit.Action.VIEW):
        entries.append(
            audit.record(actor=alice, collective=collective, action=action, target=resident)
        )
        audit.record(actor=charlie, collective=other_collective, action=action, target=other)
    return entries


@pytest.fixture
def anchored(logged):
    """The log as it was when its heads were last written outside the database."""
    _anchor, findings = anchors.anchor_now(reason="test")
    assert findings == []
    return logged


def kinds(findings) -> list[tuple]:
    return [(f.kind, f.entry_id) for f in findings]


def verify_command() -> tuple[bool, str, str]:
    """Whether verify_audit_chain calls the log intact, and what it says."""
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit_chain", stdout=out, stderr=err)
    except CommandError as error:
        assert "bevinding" in str(error)
        return False, out.getvalue(), err.getvalue()
    return True, out.getvalue(), err.getvalue()


def rehash_from(entries, start: int, *, algorithm: str, summary: str | None = None):
    """What someone with database access but without the key might do: change an entry and
    make every later hash fit again with the only algorithm they can compute."""
    previous = entries[start - 1].hash if start else ""
    for index, entry in enumerate(entries):
        entry.refresh_from_db()
        if index < start:
            continue
        if index == start and summary is not None:
            entry.summary = summary
        entry.algorithm = algorithm
        entry.prev_hash = previous
        entry.hash = audit.entry_hash(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(
            summary=entry.summary,
            algorithm=entry.algorithm,
            prev_hash=entry.prev_hash,
            hash=entry.hash,
        )
        previous = entry.hash


def test_entries_chain_per_collective_with_the_key(logged, collective):
    first, second, third, _fourth = logged
    assert first.prev_hash == ""
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert {e.algorithm for e in logged} == {audit.KEYED}
    assert first.subject_id == int(first.target_id)
    assert audit.verify_chain() == []


def test_the_hash_depends_on_the_key(logged, settings):
    settings.KRING_AUDIT_KEY = "another-key-" * 4
    assert {f.kind for f in audit.verify_chain()} == {"changed"}


def test_an_intact_chain_is_reported_intact(anchored):
    intact, out, err = verify_command()
    assert intact and "logboek intact" in out and err == ""
    assert "compared with the anchor" in out


def test_a_changed_entry_is_detected(anchored):
    second = anchored[1]
    # What someone with database access might do to hide that they looked.
    AuditEntry.objects.filter(pk=second.pk).update(action="change")
    assert kinds(anchors.verify()) == [("changed", second.pk)]
    intact, _out, err = verify_command()
    assert not intact and f"regel {second.pk} veranderd" in err


def test_an_entry_deleted_in_the_middle_is_detected(anchored):
    AuditEntry.objects.filter(pk=anchored[1].pk).delete()
    assert kinds(anchors.verify()) == [("removed", anchored[2].pk)]
    intact, _out, err = verify_command()
    assert not intact and f"tussen regel {anchored[0].pk} en regel {anchored[2].pk}" in err


def test_deleted_newest_entries_are_detected_against_the_anchor(anchored):
    AuditEntry.objects.filter(pk__in=[anchored[2].pk, anchored[3].pk]).delete()
    # What is left still chains: only the anchor outside the database shows it.
    assert audit.verify_chain() == []
    assert kinds(anchors.verify()) == [("truncated", anchored[3].pk)]
    intact, _out, err = verify_command()
    assert not intact and "de nieuwste regels verwijderd" in err
    assert f"regel {anchored[3].pk} als laatste, nu is regel {anchored[1].pk}" in err


def test_deleted_newest_entries_followed_by_new_ones_are_detected(anchored, collective, alice):
    AuditEntry.objects.filter(pk=anchored[3].pk).delete()
    audit.record(actor=alice, collective=collective, action=audit.Action.VIEW, target=collective)
    assert kinds(anchors.verify()) == [("removed", anchored[3].pk)]


def test_a_chain_rehashed_with_the_old_algorithm_is_detected(anchored):
    rehash_from(anchored, 1, algorithm=audit.LEGACY, summary="nothing to see")
    # A plain hash after a keyed one in the same chain: seen without the anchor.
    assert kinds(audit.verify_chain()) == [("rehashed", anchored[1].pk)]
    intact, _out, err = verify_command()
    assert not intact and "opnieuw berekend met het oude algoritme" in err


def test_a_chain_rehashed_entirely_with_the_old_algorithm_is_detected(anchored):
    rehash_from(anchored, 0, algorithm=audit.LEGACY, summary="nothing to see")
    # Every hash fits the old algorithm, so only the anchor can tell.
    assert audit.verify_chain() == []
    found = kinds(anchors.verify())
    assert ("changed", anchored[3].pk) in found
    assert ("rehashed", anchored[0].pk) in found


def test_a_chain_rehashed_with_a_guessed_key_is_detected(anchored, settings):
    real = settings.KRING_AUDIT_KEY
    settings.KRING_AUDIT_KEY = "guessed-" * 5
    rehash_from(anchored, 1, algorithm=audit.KEYED, summary="nothing to see")
    settings.KRING_AUDIT_KEY = real
    assert "changed" in {f.kind for f in audit.verify_chain()}


def test_an_emptied_log_is_detected(anchored):
    AuditEntry.objects.all().delete()
    assert audit.verify_chain() == []
    found = anchors.verify()
    assert kinds(found) == [("emptied", None)]
    intact, _out, err = verify_command()
    assert not intact and "Het logboek is leeg, maar het ijkpunt" in err
    assert "8 regels" in err


def test_one_emptied_chain_is_named(anchored, collective):
    AuditEntry.objects.filter(collective=collective).delete()
    assert [(f.kind, f.collective_id) for f in anchors.verify()] == [("emptied", collective.pk)]


def test_entries_from_before_the_key_still_verify(collective, alice):
    """Entries written with plain SHA-256 before the keyed chain stay valid; the keyed
    entries continue their chain."""
    resident = factories.ResidentFactory(collective=collective)
    old = audit.record(actor=alice, collective=collective, action="view", target=resident)
    rehash_from([old], 0, algorithm=audit.LEGACY)
    new = audit.record(actor=alice, collective=collective, action="change", target=resident)
    old.refresh_from_db()
    assert old.algorithm == audit.LEGACY and new.prev_hash == old.hash
    assert audit.verify_chain() == []
    anchor, findings = anchors.anchor_now(reason="test")
    assert findings == [] and anchor["chains"][0]["legacy_until"] == old.pk
    assert anchors.verify() == []


def test_no_new_anchor_over_a_truncated_log_until_accepted(anchored, capsys):
    AuditEntry.objects.filter(pk=anchored[3].pk).delete()
    before = anchors.anchor_file().read_text()
    with pytest.raises(CommandError, match="geen nieuw ijkpunt"):
        call_command("anchor_audit_chain")
    # The evidence stays: the periodic run does not bless the shorter log either.
    from kring.privacy.tasks import anchor_audit_chains_task

    assert anchor_audit_chains_task.call()["written"] is False
    assert anchors.anchor_file().read_text() == before
    call_command("anchor_audit_chain", "--accept")
    last, _problems = anchors.last_anchor()
    assert "accepted: 1 finding" in last["note"]
    assert anchors.verify() == []


def test_a_changed_anchor_line_is_reported(anchored):
    path = anchors.anchor_file()
    anchor = json.loads(path.read_text())
    anchor["chains"][0]["last_id"] -= 1
    path.write_text(json.dumps(anchor) + "\n")
    assert [f.kind for f in anchors.verify()] == ["anchor"]


def test_a_made_up_checkpoint_does_not_hide_a_removed_beginning(anchored, collective):
    first, second = anchored[0], anchored[1]
    AuditEntry.objects.filter(pk=first.pk).delete()
    AuditCheckpoint.objects.create(
        collective=collective,
        last_hash=first.hash,
        last_entry_id=first.pk,
        removed=1,
        removed_until=first.at,
    )
    assert kinds(audit.verify_chain()) == [("start", second.pk)]


def test_a_deleted_collective_closes_its_chain(anchored, other_collective):
    other_collective.delete()
    assert anchors.verify() == []
    closing = AuditEntry.objects.get(collective=None, target_type="communities.collective")
    assert "laatste regel" in closing.summary


def test_the_chain_survives_removal_of_the_actors_log_in(logged, alice):
    alice.delete()
    assert AuditEntry.objects.filter(actor__isnull=True, actor_ref__isnull=False).exists()
    assert audit.verify_chain() == []


def test_anchors_go_to_the_file_and_the_log(logged, caplog):
    with caplog.at_level("INFO", logger="kring.audit"):
        anchor, _findings = anchors.anchor_now(reason="test")
    lines = anchors.anchor_file().read_text().splitlines()
    assert json.loads(lines[-1]) == anchor
    assert anchor["chains"][-1]["last_hash"] in caplog.text
    assert {h["entries"] for h in anchor["chains"]} == {4}


def test_the_periodic_run_repeats_itself_once(logged, settings):
    from django_tasks_db.models import DBTaskResult

    from kring.privacy.tasks import anchor_audit_chains_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KRING_AUDIT_ANCHOR_MINUTES = 30
    call_command("anchor_audit_chain", "--enqueue")
    call_command("anchor_audit_chain", "--enqueue")  # from cron again: not doubled
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    DBTaskResult.objects.all().delete()
    # The worker runs it: it anchors and puts its next run in the queue, half an hour on.
    assert anchor_audit_chains_task.call()["written"] is True
    waiting = DBTaskResult.objects.get(status="READY")
    expected = timezone.now() + datetime.timedelta(minutes=30)
    assert abs(waiting.run_after - expected) < datetime.timedelta(minutes=1)
    anchor_audit_chains_task.call()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert len(anchors.read_anchors()[0]) == 2


def test_verify_warns_without_an_anchor(logged):
    intact, out, _err = verify_command()
    assert intact and "nog geen ijkpunt" in out

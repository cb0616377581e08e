import pytest
from django.core.management import CommandError, call_command

from kring.privacy import audit
from kring.privacy.models import AuditEntry

from .. import factories


@pytest.fixture
def logged(collective, other_collective, alice, charlie):
    resident = factories.ResidentFactory(collective=collective)
    other = factories.ResidentFactory(collective=other_collective)
    entries = []
    for action in (audit.Action.CREATE, audit.Action.VIEW, audit.Action.CHANGE):
        entries.append(
            audit.record(actor=alice, collective=collective, action=action, target=resident)
        )
        audit.record(actor=charlie, collective=other_collective, action=action, target=other)
    return entries


def test_entries_chain_per_collective(logged, collective):
    first, second, third = logged
    assert first.prev_hash == ""
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert first.subject_id == int(first.target_id)
    assert audit.verify_chain() == []
    call_command("verify_audit_chain")


def test_a_row_edited_behind_the_back_breaks_the_chain(logged):
    second = logged[1]
    # What someone with database access might do to hide that they looked.
    AuditEntry.objects.filter(pk=second.pk).update(action="change")
    breaks = audit.verify_chain()
    assert [(b.entry_id, b.reason) for b in breaks] == [
        (second.pk, "content does not match its hash")
    ]
    with pytest.raises(CommandError, match="1 break"):
        call_command("verify_audit_chain")


def test_a_row_removed_behind_the_back_breaks_the_chain(logged):
    AuditEntry.objects.filter(pk=logged[1].pk).delete()
    breaks = audit.verify_chain()
    assert [(b.entry_id, b.reason) for b in breaks] == [
        (logged[2].pk, "previous hash does not match")
    ]


def test_a_rehashed_row_still_breaks_the_chain_after_it(logged):
    second = logged[1]
    second.summary = "nothing to see"
    second.hash = audit.entry_hash(second)
    AuditEntry.objects.filter(pk=second.pk).update(summary=second.summary, hash=second.hash)
    assert [b.entry_id for b in audit.verify_chain()] == [logged[2].pk]


def test_the_chain_survives_removal_of_the_actors_log_in(logged, alice):
    alice.delete()
    assert AuditEntry.objects.filter(actor__isnull=True, actor_ref__isnull=False).exists()
    assert audit.verify_chain() == []

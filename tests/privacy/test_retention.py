from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kring.communities.models import Invitation
from kring.people.models import Consent, Resident
from kring.privacy import audit
from kring.privacy.models import AuditCheckpoint, AuditEntry

from .. import factories

LONG_AGO = timezone.now() - timedelta(days=3 * 365 + 10)


@pytest.fixture
def aged(collective, alice):
    """One of each kind of data past its period, and one of each still within it."""
    old = factories.ResidentFactory(collective=collective, name="Oud Lid")
    recent = factories.ResidentFactory(collective=collective, name="Nieuw Lid")
    Resident.objects.filter(pk=old.pk).update(updated_at=LONG_AGO)
    withdrawn = factories.ConsentFactory(resident=recent, withdrawn_at=LONG_AGO, given_at=LONG_AGO)
    factories.ConsentFactory(resident=recent, purpose="leden")
    Invitation.objects.create(
        collective=collective, email="oud@example.org", token_hash="a" * 64, expires_at=LONG_AGO
    )
    Invitation.objects.create(
        collective=collective,
        email="open@example.org",
        token_hash="b" * 64,
        expires_at=timezone.now() + timedelta(days=3),
    )
    first = audit.record(actor=alice, collective=collective, action="view", target=recent)
    AuditEntry.objects.filter(pk=first.pk).update(at=LONG_AGO)
    # Its hash now disagrees with its time; rewrite it as if it had been written then.
    first.refresh_from_db()
    AuditEntry.objects.filter(pk=first.pk).update(hash=audit.entry_hash(first))
    first.refresh_from_db()
    second = audit.record(actor=alice, collective=collective, action="view", target=recent)
    AuditEntry.objects.filter(pk=second.pk).update(prev_hash=first.hash)
    second.refresh_from_db()
    AuditEntry.objects.filter(pk=second.pk).update(hash=audit.entry_hash(second))
    assert audit.verify_chain() == []
    return {"old": old, "recent": recent, "withdrawn": withdrawn}


@pytest.mark.django_db
def test_dry_run_lists_and_changes_nothing(aged, capsys):
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "inactive residents erased: 1 (after 730 days)" in out
    assert "withdrawn consents deleted: 1" in out and "old invitations deleted: 1" in out
    assert "audit entries deleted: 1" in out
    assert Resident.objects.get(pk=aged["old"].pk).erased_at is None


@pytest.mark.django_db
def test_what_passed_its_period_is_removed_and_the_log_still_verifies(aged):
    call_command("apply_retention")
    old = Resident.objects.get(pk=aged["old"].pk)
    assert old.erased_at and old.name == "" and old.email == ""
    assert Resident.objects.get(pk=aged["recent"].pk).name == "Nieuw Lid"
    assert not Consent.objects.filter(pk=aged["withdrawn"].pk).exists()
    assert Consent.objects.filter(resident=aged["recent"], withdrawn_at__isnull=True).count() == 1
    assert list(Invitation.objects.values_list("email", flat=True)) == ["open@example.org"]
    assert AuditCheckpoint.objects.get().removed == 1
    assert audit.verify_chain() == []
    assert AuditEntry.objects.filter(action="retention", subject_id=old.pk).exists()


@pytest.mark.django_db
def test_periods_come_from_settings(aged, settings):
    settings.KRING_RETENTION_RESIDENT_DAYS = 5000
    settings.KRING_RETENTION_AUDIT_DAYS = 5000
    call_command("apply_retention")
    assert Resident.objects.get(pk=aged["old"].pk).erased_at is None
    assert not AuditCheckpoint.objects.exists()


@pytest.mark.django_db
def test_the_background_task_does_the_same(aged):
    from kring.privacy.tasks import apply_retention_task

    result = apply_retention_task.enqueue()  # tests run tasks at once
    assert result.return_value["inactive residents erased"] == 1
    assert Resident.objects.get(pk=aged["old"].pk).erased_at

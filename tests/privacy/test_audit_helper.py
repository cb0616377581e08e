"""The one helper for "change, save, record in the audit log": the row and its entry are stored
both or neither, and an entry always says who acted."""

import pytest

from kring.people.models import Resident
from kring.privacy import audit
from kring.privacy.models import AuditEntry

from .. import factories


@pytest.mark.django_db
def test_a_member_s_change_is_saved_and_logged_with_who_and_where(collective, alice, access_for):
    resident = factories.ResidentFactory(collective=collective, name="Oude naam")
    resident.name = "Nieuwe naam"
    entry = audit.save_and_record(
        resident, access=access_for(alice, collective), action=audit.Action.CHANGE
    )
    assert Resident.objects.get(pk=resident.pk).name == "Nieuwe naam"
    assert (entry.actor, entry.collective_id, entry.subject_id) == (
        alice,
        collective.pk,
        resident.pk,
    )
    assert audit.verify_chain(collective.pk) == []


@pytest.mark.django_db
def test_only_the_named_fields_are_saved(collective, alice):
    resident = factories.ResidentFactory(collective=collective, name="Naam", phone="")
    resident.name, resident.phone = "Andere naam", "0612345678"
    audit.save_and_record(
        resident,
        update_fields=["phone"],
        actor=alice,
        collective=collective,
        action=audit.Action.CHANGE,
        summary="phone",
    )
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.name, stored.phone) == ("Naam", "0612345678")


@pytest.mark.django_db
def test_without_who_acted_nothing_is_saved_or_logged(collective):
    resident = factories.ResidentFactory(collective=collective, name="Naam")
    before = AuditEntry.objects.count()
    resident.name = "Zonder logboek"
    with pytest.raises(TypeError):
        audit.save_and_record(resident, action=audit.Action.CHANGE)
    with pytest.raises(TypeError):
        audit.record(action=audit.Action.VIEW, target=resident, actor=None)
    assert Resident.objects.get(pk=resident.pk).name == "Naam"
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_a_public_visitor_is_logged_without_actor_or_collective(collective):
    resident = factories.ResidentFactory(collective=collective)
    entry = audit.save_and_record(resident, actor=None, collective=None, action=audit.Action.CHANGE)
    assert (entry.actor, entry.collective_id) == (None, None)

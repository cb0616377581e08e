"""A notice's delivery row builds on the row every mail to many uses (ClaimedDelivery), with its
one status list, and the migration that made it so keeps the rows that were there."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from kring.core.bulkmail import ClaimedDelivery, DeliveryStatus
from kring.notices.models import NoticeDelivery
from tests.factories import CollectiveFactory, ResidentFactory


def test_every_delivery_row_builds_on_claimed_delivery_with_one_status_list():
    found = [
        model
        for model in apps.get_models()
        if {"status", "claimed_at", "sent_at"} <= {f.name for f in model._meta.get_fields()}
    ]
    assert {m.__name__ for m in found} >= {"NoticeDelivery", "MeetingMailDelivery"}
    for model in found:
        assert issubclass(model, ClaimedDelivery), model
        values = {value for value, _label in model._meta.get_field("status").choices}
        assert values == set(DeliveryStatus.values), model


def test_a_notice_row_is_made_claimed_and_always_says_when():
    # The insert is the claim: a notice row never waits, so its claim time is required.
    assert not NoticeDelivery._meta.get_field("claimed_at").null


BEFORE = [("notices", "0002_notice_items_for_standalone_asks")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_notice_delivery_and_its_status():
    resident = ResidentFactory(collective=CollectiveFactory())
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Delivery = old.get_model("notices", "NoticeDelivery")
    now = timezone.now()
    rows = {
        status: Delivery.objects.create(
            resident_id=resident.pk,
            rhythm="dagelijks",
            period=f"dag-2026-11-0{n}",
            status=status,
            asks=n,
            claimed_at=now - datetime.timedelta(days=n),
        ).pk
        for n, status in enumerate(("bezig", "verstuurd", "overgeslagen", "mislukt"), start=1)
    }

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = dict(NoticeDelivery.objects.values_list("pk", "status"))
    assert kept == {pk: status for status, pk in rows.items()}
    assert set(kept.values()) <= set(DeliveryStatus.values)
    assert sorted(NoticeDelivery.objects.values_list("asks", flat=True)) == [1, 2, 3, 4]

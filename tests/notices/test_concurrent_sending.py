"""Two workers send notices at the same moment, each in its own thread with its own database
connection: every resident still gets exactly one mail. Needs PostgreSQL (row locks and a
unique index that make the second insert wait for the first)."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from kring.core.bulkmail import DeliveryStatus
from kring.notices import mail as notice_mail
from kring.notices import services
from kring.notices.models import NoticeDelivery, NoticeItem
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

RESIDENTS = 12


def test_two_workers_at_once_send_each_resident_exactly_one_mail(
    make_resident, initiative, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite lets one writer in at a time, so two workers' claims never overlap; the "
            "claim race is tested step by step in test_notices.py"
        )
    people = [make_resident(f"Bewoner {n}") for n in range(RESIDENTS)]
    for n, person in enumerate(people):
        need = factories.NeedFactory(initiative=initiative, text=f"Fiets repareren {n}")
        NoticeItem.objects.create(resident=person, need=need, found_at=timezone.now())
    mail.outbox.clear()
    send = notice_mail.send_notice

    def slow_send(*args, **kwargs):
        time.sleep(0.02)  # a mail server that takes a moment: the workers overlap
        return send(*args, **kwargs)

    monkeypatch.setattr(notice_mail, "send_notice", slow_send)
    start = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            start.wait(10)
            results.append(services.send_due())
        except BaseException as error:  # handed to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert len(results) == 2
    sent = sum(r.get(DeliveryStatus.SENT, 0) for r in results)
    assert sent == RESIDENTS
    for person in people:
        assert [m.to for m in mail.outbox].count([person.email]) == 1, person.name
    assert len(mail.outbox) == RESIDENTS
    assert NoticeDelivery.objects.filter(status=DeliveryStatus.SENT).count() == RESIDENTS
    assert not NoticeItem.objects.filter(delivery__isnull=True).exists()
    assert services.send_due() == {}

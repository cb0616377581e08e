"""The fingerprint of one collective (asked by the overview on every visit) comes from SQL made
once per connection: it must say what the query for several collectives says, and follow a
change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kring.impact import store

from .. import factories


@pytest.mark.django_db
def test_one_collectives_fingerprint_is_the_same_as_among_several(collective, neighbourhood):
    other = factories.CollectiveFactory()
    resident = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    factories.GiftFactory(collective=collective, resident=resident)
    for tasks in (False, True):
        together = store.fingerprints([collective.pk, other.pk], tasks=tasks)
        alone = store.fingerprints([collective.pk], tasks=tasks)
        assert alone[collective.pk] == together[collective.pk]
        assert store.fingerprints([other.pk], tasks=tasks)[other.pk] == together[other.pk]
    # Datetimes as the ORM gives them (SQLite sends text), so kept figures' keys agree.
    assert any(hasattr(value, "tzinfo") for value in alone[collective.pk])
    before = store.fingerprints([collective.pk], tasks=False)[collective.pk]
    with CaptureQueriesContext(connection) as queries:
        factories.AssetFactory(collective=collective)
        after = store.fingerprints([collective.pk], tasks=False)[collective.pk]
    assert after != before
    assert sum("communities_collective" in q["sql"] for q in queries) == 1
    assert store.fingerprints([12345678], tasks=False) == {12345678: []}

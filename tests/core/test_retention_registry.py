"""The daily retention run asks every app through one registry in the core."""

import pytest

from kring.core import retention
from kring.privacy.retention import apply_retention

pytestmark = pytest.mark.django_db


def test_every_app_that_keeps_data_past_its_time_is_asked():
    names = [purge.name for purge in retention.purges()]
    assert names == [
        "exports-archives",
        "geo-region-uploads",
        "imports-files",
        "joining-contacts",
        "public-registrations",
    ]


def test_a_registered_purge_is_run_counted_and_reported(settings):
    calls = []

    def purge(*, dry_run):
        calls.append(dry_run)
        return 3

    settings.KRING_TEST_KEEP_DAYS = 7
    retention.register(
        "test-notes", purge, what="old notes deleted", period=retention.days("KRING_TEST_KEEP_DAYS")
    )
    try:
        assert ("old notes deleted", 3, "7 days") in apply_retention(dry_run=True).lines()
        settings.KRING_TEST_KEEP_DAYS = 9  # the period is read when the run reports
        assert ("old notes deleted", 3, "9 days") in apply_retention().lines()
    finally:
        retention.unregister("test-notes")
    assert calls == [True, False]
    assert "test-notes" not in [purge.name for purge in retention.purges()]

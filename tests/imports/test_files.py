"""The uploaded file holds personal data: kept only as long as needed, never under MEDIA_ROOT."""

import datetime
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from kring.imports import services
from kring.imports.models import ImportJob, ImportStatus

from .conftest import csv_bytes, upload

pytestmark = pytest.mark.django_db


def test_files_live_outside_media_root(builder_access, settings):
    job = upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Piet"]]))
    assert job.file.path.startswith(str(settings.KRING_IMPORT_ROOT))
    assert not job.file.path.startswith(str(settings.MEDIA_ROOT))
    assert "Piet" not in job.file.name and job.original_name == "bestand.csv"


def test_purge_removes_files_and_error_lists_after_a_day(builder_access, capsys):
    fresh = upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Piet"]]))
    refused = upload(builder_access, "bewoners", csv_bytes([["Naam"], [""]]))
    services.set_mapping(access=builder_access, job=refused, mapping=refused.mapping)
    services.start_import(access=builder_access, job=refused)
    refused.refresh_from_db()
    assert refused.status == ImportStatus.REFUSED and refused.errors and refused.file
    path = refused.file.path
    ImportJob.objects.filter(pk=refused.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    call_command("purge_imports", "--dry-run")
    assert "1 imports would be cleaned" in capsys.readouterr().out
    assert os.path.exists(path)
    call_command("purge_imports")
    refused.refresh_from_db()
    assert not refused.file and refused.errors == [] and refused.error_count == 1
    assert not os.path.exists(path)
    fresh.refresh_from_db()
    assert fresh.file and os.path.exists(fresh.file.path)


def test_unmapped_old_uploads_are_deleted_entirely(builder_access):
    job = upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Piet"]]))
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    # Any new upload cleans up first.
    upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Ans"]]))
    assert not ImportJob.objects.filter(pk=job.pk).exists()


def test_a_file_deleted_meanwhile_gives_a_plain_message_not_an_error(
    client, bob, collective, builder_access
):
    from django.urls import reverse

    job = upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Piet"]]))
    services.set_mapping(access=builder_access, job=job, mapping=job.mapping)
    os.remove(job.file.path)
    client.force_login(bob)
    response = client.get(reverse("imports:preview", args=[collective.slug, job.pk]))
    assert response.status_code == 400
    assert "Het bestand is er niet meer" in response.content.decode()
    client.post(reverse("imports:start", args=[collective.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.REFUSED
    assert job.errors[0]["message"].startswith("Het bestand is er niet meer")


def test_the_daily_retention_run_cleans_old_uploads_too(builder_access):
    """A collective that stopped uploading still loses its old files: the retention run asks
    the imports app through the core's registry."""
    from kring.privacy.retention import apply_retention

    job = upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Piet"]]))
    path = job.file.path
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    what = "uploaded import files and their error lists deleted"
    assert (what, 1, "24 hours") in apply_retention(dry_run=True).lines()
    assert os.path.exists(path)
    assert (what, 1, "24 hours") in apply_retention().lines()
    assert not os.path.exists(path)

"""The import pages: upload, columns, preview, import, progress; roles and other collectives."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from kring.assets.models import Asset
from kring.imports.models import ImportJob, ImportStatus
from kring.people.models import Resident

from .conftest import GIFT_HEADER, csv_bytes, upload

pytestmark = pytest.mark.django_db


def post_file(client, collective, content, name="gaven.csv", kind="gaven"):
    return client.post(
        reverse("imports:upload", args=[collective.slug]),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_small_file_walks_upload_columns_preview_and_import(
    client, bob, collective, known_resident
):
    client.force_login(bob)
    assert client.get(reverse("imports:index", args=[collective.slug])).status_code == 200
    content = csv_bytes([GIFT_HEADER, ["", "fatima@example.nl", "hart", "koken", "eten"]])
    response = post_file(client, collective, content)
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:mapping", args=[collective.slug, job.pk])
    page = client.get(response.url)
    assert page.status_code == 200 and "Hoofd, handen of hart" in page.content.decode()
    data = {key: str(value) for key, value in job.mapping.items()}
    response = client.post(response.url, data)
    assert response.url == reverse("imports:preview", args=[collective.slug, job.pk])
    preview = client.get(response.url).content.decode()
    assert "koken" in preview and "geen fouten" in preview
    assert not Asset.objects.exists()  # a preview stores nothing
    response = client.post(reverse("imports:start", args=[collective.slug, job.pk]))
    assert response.url == reverse("imports:detail", args=[collective.slug, job.pk])
    result = client.get(response.url).content.decode()
    assert "Klaar: alles is opgeslagen" in result
    assert Asset.objects.get().title == "koken"
    # A second click imports nothing twice.
    client.post(reverse("imports:start", args=[collective.slug, job.pk]))
    assert Asset.objects.count() == 1


def test_preview_lists_every_error_and_offers_no_import(client, bob, collective, known_resident):
    client.force_login(bob)
    content = csv_bytes(
        [GIFT_HEADER, ["", "fatima@example.nl", "hart", "koken", ""], ["", "jan@", "voet", "", ""]]
    )
    post_file(client, collective, content)
    job = ImportJob.objects.get()
    client.post(reverse("imports:mapping", args=[collective.slug, job.pk]), job.mapping)
    page = client.get(reverse("imports:preview", args=[collective.slug, job.pk])).content.decode()
    assert "Rij 3, kolom ‘E-mail bewoner’: ‘jan@’ is geen e-mailadres." in page
    assert "Rij 3, kolom ‘Hoofd, handen of hart’: ‘voet’ kennen we niet." in page
    assert "Rij 3, kolom ‘Gave’: Dit is leeg. Vul het in." in page
    assert reverse("imports:start", args=[collective.slug, job.pk]) not in page


def test_mapping_refuses_a_missing_required_column_and_a_column_used_twice(client, bob, collective):
    client.force_login(bob)
    post_file(client, collective, csv_bytes([GIFT_HEADER, ["a", "", "hart", "x", ""]]))
    job = ImportJob.objects.get()
    url = reverse("imports:mapping", args=[collective.slug, job.pk])
    response = client.post(url, {"title": "3", "gift_kind": "3"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Deze kolom is al gekozen" in body and "error-summary" in body
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_a_file_that_is_no_table_is_refused_with_400(client, bob, collective):
    client.force_login(bob)
    response = post_file(client, collective, b"\x89PNG\r\n\x1a\n\x00\x00", name="foto.csv")
    assert response.status_code == 400
    assert "Dit is geen tekstbestand" in response.content.decode()
    response = post_file(client, collective, b"PK\x03\x04kapot", name="kapot.xlsx")
    assert response.status_code == 400
    assert "niet te lezen" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_members_may_not_import_and_other_collectives_see_nothing(
    client, mia, charlie, builder_access, collective, known_resident
):
    job = upload(
        builder_access,
        "gaven",
        csv_bytes([GIFT_HEADER, ["", "fatima@example.nl", "hart", "x", ""]]),
    )
    client.force_login(mia)
    assert client.get(reverse("imports:index", args=[collective.slug])).status_code == 403
    assert post_file(client, collective, b"Naam\nx\n").status_code == 403
    client.force_login(charlie)
    for name in ("detail", "mapping", "preview"):
        assert (
            client.get(reverse(f"imports:{name}", args=[collective.slug, job.pk])).status_code
            == 404
        )
    # Charlie's own collective does not know alice's import either.
    other = charlie.memberships.get().collective
    assert client.get(reverse("imports:detail", args=[other.slug, job.pk])).status_code == 404
    assert client.post(reverse("imports:start", args=[other.slug, job.pk])).status_code == 404
    assert not Asset.objects.exists()


def test_big_file_runs_as_a_task_with_progress(client, bob, collective, known_resident, settings):
    settings.KRING_IMPORT_BACKGROUND_ROWS = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    client.force_login(bob)
    rows = [GIFT_HEADER] + [["", "fatima@example.nl", "hart", f"koken {i}", ""] for i in range(25)]
    post_file(client, collective, csv_bytes(rows))
    job = ImportJob.objects.get()
    client.post(reverse("imports:mapping", args=[collective.slug, job.pk]), job.mapping)
    preview = client.get(
        reverse("imports:preview", args=[collective.slug, job.pk])
    ).content.decode()
    assert "op de achtergrond" in preview
    client.post(reverse("imports:start", args=[collective.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED and not Asset.objects.exists()
    [result] = default_task_backend.results
    assert result.task.name == "run_import_task"
    page = client.get(reverse("imports:detail", args=[collective.slug, job.pk])).content.decode()
    assert '<meta http-equiv="refresh"' in page and "<progress" in page and "hx-trigger" in page
    # The worker runs it; the htmx poll gets the fragment with the outcome.
    result.task.call(*result.args, **result.kwargs)
    response = client.get(
        reverse("imports:detail", args=[collective.slug, job.pk]), headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body and "Klaar: alles is opgeslagen" in body
    assert Asset.objects.count() == 25


def test_templates_download_and_their_example_row_imports(
    client, bob, collective, builder_access, neighbourhood
):
    from kring.imports import engine

    client.force_login(bob)
    for kind in ("bewoners", "gaven", "bronnen"):
        xlsx = client.get(reverse("imports:template_xlsx", args=[collective.slug, kind]))
        assert xlsx["Content-Disposition"].startswith("attachment")
        workbook = load_workbook(io.BytesIO(xlsx.content))
        assert workbook.sheetnames == ["Gegevens", "Uitleg"]
        assert workbook["Uitleg"]["A1"].value == "Kolom"
        csv_response = client.get(reverse("imports:template_csv", args=[collective.slug, kind]))
        assert csv_response.content.startswith("\ufeff".encode())
        for content, name in ((xlsx.content, "t.xlsx"), (csv_response.content, "t.csv")):
            job = upload(builder_access, kind, content, name=name)
            assert job.row_count == 1
            with job.file.open("rb") as binary:
                outcome = engine.check(job, binary)
            assert outcome.ok, (kind, name, [str(e) for e in outcome.errors])
    assert (
        client.get(reverse("imports:template_csv", args=[collective.slug, "iets"])).status_code
        == 404
    )


def test_discard_deletes_the_file(client, bob, collective, builder_access):
    job = upload(builder_access, "bewoners", csv_bytes([["Naam"], ["Piet"]]))
    path = job.file.path
    client.force_login(bob)
    client.post(reverse("imports:discard", args=[collective.slug, job.pk]))
    assert not ImportJob.objects.exists()
    import os

    assert not os.path.exists(path)
    assert not Resident.objects.exists()


def test_progress_of_a_running_import_is_read_outside_its_transaction(
    client, bob, collective, builder_access, settings
):
    """The import writes in one transaction that others cannot see into: its progress is
    written beside the file, where the page reads it."""
    from kring.imports import running

    rows = [["Naam"]] + [[f"Bewoner {i}"] for i in range(10)]
    job = upload(builder_access, "bewoners", csv_bytes(rows))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    job.refresh_from_db()
    running.write_progress(job, 4)
    client.force_login(bob)
    page = client.get(reverse("imports:detail", args=[collective.slug, job.pk])).content.decode()
    assert "4 van 10 rijen (40%)" in page and 'value="40"' in page

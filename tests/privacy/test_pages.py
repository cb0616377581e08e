import json

import pytest
from django.urls import reverse

from kring.privacy.models import AuditEntry

from .. import factories


@pytest.fixture
def resident(collective):
    resident = factories.ResidentFactory(collective=collective, name="Henk de Vries")
    factories.ConsentFactory(resident=resident)
    factories.GiftFactory(collective=collective, resident=resident, title="Zingt in een koor")
    return resident


@pytest.mark.django_db
def test_a_buurtmaker_shows_a_resident_everything_kept_and_it_is_logged(client, bob, resident):
    client.force_login(bob)
    url = reverse("privacy:resident", args=[resident.collective.slug, resident.pk])
    body = client.get(url).content.decode()
    assert "Henk de Vries" in body and "Zingt in een koor" in body
    data = json.loads(
        client.get(
            reverse("privacy:resident_json", args=[resident.collective.slug, resident.pk])
        ).content
    )
    assert data["resident"]["naam"] == "Henk de Vries"
    assert [g["naam of korte omschrijving"] for g in data["gifts"]] == ["Zingt in een koor"]
    # The earlier look at the page is among the audit entries of the export.
    assert any(e["handeling"] == "geëxporteerd" for e in data["audit"])
    pdf = client.get(reverse("privacy:resident_pdf", args=[resident.collective.slug, resident.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(subject_id=resident.pk, action="export").count() == 3


@pytest.mark.django_db
def test_a_member_cannot_see_another_residents_privacy_page(client, mia, resident):
    client.force_login(mia)
    url = reverse("privacy:resident", args=[resident.collective.slug, resident.pk])
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_resident_with_a_log_in_sees_corrects_and_downloads_their_own_data(
    client, collective, resident
):
    user = factories.UserFactory(email="henk@example.nl", name="Henk")
    resident.user = user
    resident.save()
    client.force_login(user)
    body = client.get(reverse("privacy:my_data")).content.decode()
    assert "Zingt in een koor" in body
    response = client.post(
        reverse("privacy:my_edit"),
        {"name": "Henk de Vries", "phone": "06-12121212", "email": "", "version": 1},
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.phone == "06-12121212"
    assert client.get(reverse("privacy:my_json")).json()["resident"]["telefoon"] == "06-12121212"


@pytest.mark.django_db
def test_without_a_resident_record_my_data_is_not_found(client, alice):
    client.force_login(alice)
    assert client.get(reverse("privacy:my_data")).status_code == 404


@pytest.mark.django_db
def test_the_audit_log_is_for_admins_filtered_and_paged(client, alice, bob, resident):
    client.force_login(bob)
    client.get(reverse("people:detail", args=[resident.collective.slug, resident.pk]))
    url = reverse("privacy:audit_log", args=[resident.collective.slug])
    assert client.get(url).status_code == 403
    client.force_login(alice)
    body = client.get(url, {"action": "view", "actor": bob.pk}).content.decode()
    assert "Bob Buurtmaker" in body and "1 regel gevonden" in body
    response = client.get(url, {"since": "2026-12-01", "until": "2026-11-01"})
    assert response.status_code == 400 and "vóór de begindatum" in response.content.decode()


@pytest.mark.django_db
def test_the_accessibility_statement_is_public_and_linked_from_every_page(client):
    body = client.get(reverse("privacy:accessibility")).content.decode()
    assert "WCAG 2.1" in body and "Toegankelijkheidsverklaring" in body
    login = client.get(reverse("login")).content.decode()
    assert reverse("privacy:accessibility") in login

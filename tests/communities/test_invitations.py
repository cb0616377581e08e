import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kring.communities.models import Invitation, Membership
from kring.core.models import User


def invite(client, collective, email="nieuw@example.org", role="buurtmaker"):
    response = client.post(
        reverse("communities:invite", args=[collective.slug]), {"email": email, "role": role}
    )
    link = re.search(r"http\S+/invitation/\S+/", mail.outbox[-1].body).group(0)
    return response, link.split("8000", 1)[-1] if "8000" in link else link


@pytest.mark.django_db(transaction=True)
def test_admin_invites_and_new_person_accepts(client, alice, collective):
    client.force_login(alice)
    response, path = invite(client, collective)
    assert response.status_code == 302
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert collective.name in mail.outbox[0].subject
    newcomer = Client()
    page = newcomer.get(path)
    assert page.status_code == 200 and "buurtmaker" in page.content.decode()
    bad = newcomer.post(path, {"name": "Nora", "password": "kort", "password_again": "anders"})
    assert bad.status_code == 400 and 'value="Nora"' in bad.content.decode()
    response = newcomer.post(
        path,
        {
            "name": "Nora Nieuw",
            "password": "lange zin om te onthouden",
            "password_again": "lange zin om te onthouden",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert Membership.objects.get(user=user, collective=collective).role == "buurtmaker"
    # The link works once.
    assert newcomer.get(path).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_expired_and_revoked_links_say_so(client, alice, collective):
    client.force_login(alice)
    _, path = invite(client, collective)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    page = Client().get(path)
    assert page.status_code == 404 and "werkt niet meer" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_existing_user_must_log_in_to_accept(client, alice, charlie, collective):
    client.force_login(alice)
    _, path = invite(client, collective, email=charlie.email, role="lid")
    visitor = Client()
    assert visitor.get(path).status_code == 302
    visitor.force_login(charlie)
    assert visitor.post(path).status_code == 302
    assert Membership.objects.filter(user=charlie, collective=collective, role="lid").exists()


@pytest.mark.django_db(transaction=True)
def test_invitation_for_someone_else_is_refused(client, alice, bob, collective):
    client.force_login(alice)
    _, path = invite(client, collective, email="iemand@example.org")
    other = Client()
    other.force_login(bob)
    assert other.get(path).status_code == 403


@pytest.mark.django_db
def test_last_admin_stays(client, alice, collective):
    client.force_login(alice)
    membership = Membership.objects.get(user=alice)
    client.post(
        reverse("communities:change_role", args=[collective.slug, membership.pk]), {"role": "lid"}
    )
    membership.refresh_from_db()
    assert membership.role == "beheerder"
    response = client.post(
        reverse("communities:remove", args=[collective.slug, membership.pk]), follow=True
    )
    assert "minstens één beheerder" in response.content.decode()


@pytest.mark.django_db
def test_builders_cannot_manage_members(client, bob, collective):
    client.force_login(bob)
    assert client.get(reverse("communities:members", args=[collective.slug])).status_code == 403
    assert client.get(reverse("communities:settings", args=[collective.slug])).status_code == 403


@pytest.mark.django_db
def test_invalid_email_keeps_input(client, alice, collective):
    client.force_login(alice)
    response = client.post(
        reverse("communities:invite", args=[collective.slug]),
        {"email": "geen-adres", "role": "lid"},
    )
    assert response.status_code == 400
    assert 'value="geen-adres"' in response.content.decode()
    assert not mail.outbox


@pytest.mark.django_db
def test_admin_edits_collective_and_working_area(client, alice, collective, neighbourhood):
    client.force_login(alice)
    url = reverse("communities:settings", args=[collective.slug])
    response = client.post(
        url,
        {
            "version": 1,
            "name": "Havenkwartier Coöperatie",
            "kind": "cooperatie",
            "legal_form": "cooperatie",
            "description": "Lijm tussen de voegen",
            "working_area": [neighbourhood.pk],
            "public_teaser": "Wij werken als lijm",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    collective.refresh_from_db()
    assert collective.is_public and collective.description == "Lijm tussen de voegen"
    assert list(collective.working_area.all()) == [neighbourhood]


@pytest.mark.django_db(transaction=True)
def test_resident_invited_to_log_in_is_linked_to_their_record(client, alice, collective):
    from tests.factories import ResidentFactory

    resident = ResidentFactory(collective=collective, email="samira@example.nl", name="Samira")
    client.force_login(alice)
    client.post(reverse("people:invite", args=[collective.slug, resident.pk]))
    path = re.search(r"http\S+(/invitation/\S+/)", mail.outbox[-1].body).group(1)
    newcomer = Client()
    newcomer.post(
        path,
        {
            "name": "Samira",
            "password": "lange zin om te onthouden",
            "password_again": "lange zin om te onthouden",
        },
    )
    resident.refresh_from_db()
    assert resident.user.email == "samira@example.nl"
    assert Membership.objects.get(user=resident.user).role == "lid"

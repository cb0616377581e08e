"""The API-sleutels page: members make, see and revoke their own tokens; the secret is shown
once and only its hash is kept; every creation and revocation is in the audit log."""

import re

import pytest

from kring.api.models import ApiToken, Scope
from kring.api.services import hash_secret
from kring.privacy.models import AuditEntry


def url(collective, *parts):
    return f"/c/{collective.slug}/api-tokens/" + "".join(f"{p}/" for p in parts)


@pytest.mark.django_db
def test_a_member_makes_a_token_and_sees_the_secret_once(client, bob, collective):
    client.force_login(bob)
    response = client.post(
        url(collective), {"name": "Website", "scope": Scope.READ_WRITE, "days": 90}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    secret = re.search(r'value="(kring_[^"]+)"', html).group(1)
    token = ApiToken.objects.get()
    assert token.token_hash == hash_secret(secret) and secret not in (token.prefix, token.name)
    assert token.user == bob and token.collective == collective and token.scope == Scope.READ_WRITE
    assert AuditEntry.objects.filter(action="create", target_type="api.apitoken").count() == 1
    again = client.get(url(collective)).content.decode()
    assert secret not in again and token.prefix in again
    api = client.get("/api/assets", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 200


@pytest.mark.django_db
def test_a_lid_can_only_make_read_tokens(client, mia, collective):
    client.force_login(mia)
    page = client.get(url(collective)).content.decode()
    assert 'value="schrijven"' not in page
    refused = client.post(url(collective), {"name": "x", "scope": Scope.READ_WRITE, "days": 30})
    assert refused.status_code == 400 and "error-summary" in refused.content.decode()
    assert not ApiToken.objects.exists()
    assert (
        client.post(url(collective), {"name": "x", "scope": Scope.READ, "days": 30}).status_code
        == 200
    )
    assert ApiToken.objects.get().scope == Scope.READ


@pytest.mark.django_db
def test_revoke_own_token_and_admin_sees_all(client, alice, bob, mia, collective, access_for):
    from kring.api import services

    bobs, _ = services.create_token(
        access=access_for(bob, collective), name="Bob's", scope="lezen", days=30
    )
    mias, _ = services.create_token(
        access=access_for(mia, collective), name="Mia's", scope="lezen", days=30
    )
    client.force_login(mia)
    assert "Bob&#x27;s" not in client.get(url(collective)).content.decode()
    assert client.post(url(collective, bobs.pk, "revoke")).status_code == 404
    assert client.get(url(collective, mias.pk, "revoke")).status_code == 405
    response = client.post(url(collective, mias.pk, "revoke"))
    assert response.status_code == 302
    mias.refresh_from_db()
    assert mias.revoked_at is not None
    client.force_login(alice)
    page = client.get(url(collective)).content.decode()
    assert "Bob&#x27;s" in page and "Mia&#x27;s" in page
    client.post(url(collective, bobs.pk, "revoke"))
    bobs.refresh_from_db()
    assert bobs.revoked_at is not None
    assert AuditEntry.objects.filter(action="delete", target_type="api.apitoken").count() == 2


@pytest.mark.django_db
def test_outsiders_cannot_open_the_page(client, charlie, collective):
    client.force_login(charlie)
    assert client.get(url(collective)).status_code == 404

"""The user is read in one query with their memberships, second-step device and own records
(kring.security.signed_in); each of those is read afresh on every request, so a change made
anywhere (another node, another session, the admin) counts at the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.communities.models import Membership, Role

from .. import factories
from .test_two_factor import code_for


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in queries]


@pytest.mark.django_db
def test_every_page_reads_session_and_user_in_two_queries(client, alice, collective):
    client.force_login(alice)
    # A page with the base template, its header's places and its footer, and nothing else.
    queries = page_queries(client, reverse("privacy:accessibility"))
    assert len(queries) == 2, queries
    assert "django_session" in queries[0]
    assert "communities_membership" in queries[1] and "otp_totp_totpdevice" in queries[1]
    # Someone without a collective: the memberships' query finds nothing, then the user's.
    client.force_login(factories.UserFactory())
    assert len(page_queries(client, reverse("privacy:accessibility"))) == 3


@pytest.mark.django_db
def test_a_membership_removed_or_changed_counts_at_the_next_request(client, bob, collective):
    client.force_login(bob)
    members = reverse("communities:members", args=[collective.slug])
    assert client.get(members).status_code == 403  # a buurtmaker, not a beheerder
    Membership.objects.filter(user=bob).update(role=Role.ADMIN)
    assert client.get(members).status_code == 200
    Membership.objects.filter(user=bob).delete()
    assert client.get(collective.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_footer_links_to_own_records_only_for_those_who_have_them(client, mia, collective):
    client.force_login(mia)
    link = reverse("residents:home")
    assert link not in client.get(collective.get_absolute_url()).content.decode()
    factories.ResidentFactory(collective=collective, user=mia)
    assert link in client.get(collective.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_device_set_up_in_another_session_asks_for_the_code_here(client, mia, collective):
    client.force_login(mia)
    assert client.get(collective.get_absolute_url()).status_code == 200
    TOTPDevice.objects.create(user=mia, name="Kring", confirmed=True)
    response = client.get(collective.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:verify"))


@pytest.mark.django_db
def test_a_verified_session_ends_its_second_step_when_the_device_goes(client, mia, collective):
    device = TOTPDevice.objects.create(user=mia, name="Kring", confirmed=True)
    client.force_login(mia)
    verify = client.post(reverse("security:verify"), {"code": code_for(device.key)})
    assert verify.status_code == 302
    assert client.get(collective.get_absolute_url()).status_code == 200
    # Switched off elsewhere and set up anew: the old device no longer counts for this session.
    device.delete()
    TOTPDevice.objects.create(user=mia, name="Kring", confirmed=True)
    response = client.get(collective.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:verify"))
    assert "otp_device_id" not in client.session


@pytest.mark.django_db
def test_a_new_password_or_a_switched_off_account_ends_other_sessions(client, mia, collective):
    client.force_login(mia)
    assert client.get(collective.get_absolute_url()).status_code == 200
    mia.set_password("een heel ander wachtwoord")
    mia.save()
    assert client.get(collective.get_absolute_url()).status_code == 302  # to log in
    client.force_login(mia)
    assert client.get(collective.get_absolute_url()).status_code == 200
    mia.is_active = False
    mia.save()
    assert client.get(collective.get_absolute_url()).status_code == 302

"""Log-in throttling (django-axes): too many wrong passwords for one e-mail address from one
address lock that combination for a while, with a Dutch page that says what to do."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def wrong(client, email="bob@example.org", **extra):
    return client.post(reverse("login"), {"username": email, "password": "fout"}, **extra)


def right(client, email="bob@example.org", **extra):
    return client.post(reverse("login"), {"username": email, "password": PASSWORD}, **extra)


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


@pytest.mark.django_db
def test_locked_after_the_limit_with_a_dutch_page(client, bob, limit):
    for _ in range(limit - 1):
        assert wrong(client).status_code == 200
    response = wrong(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Even wachten met inloggen" in body
    assert "Probeer het over 15 minuten opnieuw" in body
    assert reverse("password_reset") in body
    # Now even the right password is refused: the lock-out holds.
    assert right(client).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_case_of_the_address_does_not_escape_the_count(client, bob, limit):
    wrong(client, "bob@example.org")
    wrong(client, "BOB@example.org")
    assert wrong(client, "Bob@Example.org").status_code == 429


@pytest.mark.django_db
def test_lock_out_is_per_address_and_per_computer(client, bob, mia, limit):
    for _ in range(limit):
        wrong(client, REMOTE_ADDR="10.0.0.1")
    assert right(client, REMOTE_ADDR="10.0.0.1").status_code == 429
    # Someone else on the same network logs in; bob from another computer too.
    assert right(client, "mia@example.org", REMOTE_ADDR="10.0.0.1").status_code == 302
    client.logout()
    assert right(client, REMOTE_ADDR="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_success_before_the_limit_resets_the_count(client, bob, limit):
    for _ in range(limit - 1):
        wrong(client)
    assert right(client).status_code == 302
    client.logout()
    for _ in range(limit - 1):
        assert wrong(client).status_code == 200


@pytest.mark.django_db
def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(client, bob, limit, settings):
    # Without a trusted proxy, a made-up X-Forwarded-For per try does not help an attacker.
    for n in range(limit):
        wrong(client, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert right(client, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_each_visitor_counts_apart(client, bob, limit, settings):
    settings.KRING_TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(limit):
        wrong(client, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert right(client, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # Another visitor behind the same proxy is not locked out.
    assert right(client, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


@pytest.mark.django_db
def test_password_reset_lifts_the_lock_out(client, bob, limit):
    for _ in range(limit):
        wrong(client)
    client.post(reverse("password_reset"), {"email": "bob@example.org"})
    link = re.search(r"http://\S+/password/reset/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    new = "een-nieuw-lang-wachtwoord-42"
    done = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    response = client.post(reverse("login"), {"username": "bob@example.org", "password": new})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_admin_log_in_is_throttled_too(client, limit):
    from tests.factories import UserFactory

    UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    for _ in range(limit):
        response = client.post(
            "/admin/login/", {"username": "root@example.org", "password": "fout"}
        )
    assert response.status_code == 429


@pytest.mark.django_db
def test_erasing_a_log_in_forgets_its_throttling_records(client, bob, limit):
    from axes.models import AccessAttempt, AccessLog

    from kring.security.services import forget_login_records

    wrong(client, "BOB@example.org")
    right(client)
    assert not AccessLog.objects.exists()  # successful log-ins are not kept
    client.logout()
    wrong(client)
    assert AccessAttempt.objects.filter(username="bob@example.org").exists()
    forget_login_records(email="bob@example.org")
    assert not AccessAttempt.objects.exists()

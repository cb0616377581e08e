"""The second log-in step (TOTP with django-otp, recovery codes of our own), with
KRING_REQUIRE_2FA on as in production."""

import re
from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.privacy.models import AuditEntry
from kring.security import services
from kring.security.models import RecoveryCode
from kring.security.views import PENDING_KEY
from tests.factories import PASSWORD
from tests.test_isolation import alice_world  # noqa: F401 (the fixture, used by name)


def code_for(hex_key: str, offset: int = 0) -> str:
    totp = TOTP(unhexlify(hex_key))
    totp.drift = offset
    return f"{totp.token():06d}"


def log_in(client, email):
    return client.post(reverse("login"), {"username": email, "password": PASSWORD})


def enrol(client) -> tuple[str, list[str]]:
    page = client.get(reverse("security:two_factor"))
    assert page.status_code == 200
    hex_key = client.session[PENDING_KEY]
    response = client.post(reverse("security:two_factor"), {"code": code_for(hex_key)})
    assert response.status_code == 200
    codes = re.findall(
        r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>", response.content.decode()
    )
    return hex_key, codes


@pytest.fixture
def required(settings):
    settings.KRING_REQUIRE_2FA = True


@pytest.mark.django_db
def test_admin_must_enrol_before_anything_else(client, alice, collective, required):
    assert log_in(client, "alice@example.org").status_code == 302
    response = client.get(collective.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:two_factor"))
    page = client.get(response["Location"])
    body = page.content.decode()
    # A QR code drawn on the server as SVG, and the secret typed out.
    assert "<svg" in body and "<script" not in body.split("<main", 1)[1]
    secret = services.secret_as_text(client.session[PENDING_KEY]).replace(" ", "")
    assert secret[:8] in body.replace(" ", "")
    assert "verplicht" in body
    # The secret must not stay in a cache.
    assert "no-store" in page["Cache-Control"]


@pytest.mark.parametrize("who", ["official", "editor", "staff", "alice"])
@pytest.mark.django_db
def test_who_must_use_it(who, request, required, collective):
    from tests.factories import UserFactory

    user = {
        "official": lambda: request.getfixturevalue("official"),
        "editor": lambda: UserFactory(is_network_editor=True),
        "staff": lambda: UserFactory(is_staff=True),
        "alice": lambda: request.getfixturevalue("alice"),
    }[who]()
    assert services.must_use_two_factor(user)


@pytest.mark.django_db
def test_builders_and_members_may_but_need_not(client, bob, mia, collective, required):
    assert not services.must_use_two_factor(bob) and not services.must_use_two_factor(mia)
    client.force_login(mia)
    assert client.get(collective.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_enrol_then_log_in_asks_the_code(client, alice, collective, required):
    client.force_login(alice)
    hex_key, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    # Stored hashed: no code appears in the database as typed.
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not {c.replace("-", "") for c in codes} & stored and not set(codes) & stored
    assert AuditEntry.objects.filter(actor=alice, action="create").exists()
    client.logout()

    log_in(client, "alice@example.org")
    page = client.get(collective.get_absolute_url())
    assert page["Location"].startswith(reverse("security:verify"))
    wrong = client.post(page["Location"], {"code": "000000"})
    assert wrong.status_code == 400 and "klopt niet" in wrong.content.decode()
    # Throttled after a wrong code: wait it out, as a person would.
    TOTPDevice.objects.filter(user=alice).update(throttling_failure_count=0)
    ok = client.post(page["Location"], {"code": code_for(hex_key, offset=1)})
    assert ok.status_code == 302 and ok["Location"] == collective.get_absolute_url()
    assert client.get(collective.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_code_works_only_once(client, alice, required):
    client.force_login(alice)
    hex_key, _codes = enrol(client)
    client.logout()
    log_in(client, "alice@example.org")
    # Enrolling used the current code; the same one is refused (no replay).
    response = client.post(reverse("security:verify"), {"code": code_for(hex_key)})
    assert response.status_code == 400


@pytest.mark.django_db
def test_optional_second_step_is_asked_even_when_not_required(client, bob, collective):
    client.force_login(bob)
    _hex_key, _codes = enrol(client)
    client.logout()
    log_in(client, "bob@example.org")
    response = client.get(collective.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:verify"))


@pytest.mark.django_db
def test_lost_phone_recovery_code_works_once(client, alice, collective, required):
    client.force_login(alice)
    _hex_key, codes = enrol(client)
    client.logout()
    log_in(client, "alice@example.org")
    response = client.post(reverse("security:recovery"), {"code": codes[0].lower()})
    assert response.status_code == 302
    assert client.get(collective.get_absolute_url()).status_code == 200
    assert AuditEntry.objects.filter(actor=alice, summary__startswith="herstelcode").exists()
    client.logout()
    log_in(client, "alice@example.org")
    again = client.post(reverse("security:recovery"), {"code": codes[0]})
    assert again.status_code == 400
    assert client.get(collective.get_absolute_url()).status_code == 302


@pytest.mark.django_db
def test_disable_requires_a_code(client, bob, collective):
    client.force_login(bob)
    _hex_key, codes = enrol(client)
    refused = client.post(reverse("security:two_factor"), {"code": "123456", "action": "disable"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=bob).exists()
    TOTPDevice.objects.filter(user=bob).update(throttling_failure_count=0)
    done = client.post(reverse("security:two_factor"), {"code": codes[1], "action": "disable"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=bob).exists()
    assert not RecoveryCode.objects.filter(device__user=bob).exists()
    assert AuditEntry.objects.filter(actor=bob, action="delete").exists()


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old(client, bob):
    client.force_login(bob)
    _hex_key, old = enrol(client)
    response = client.post(reverse("security:two_factor"), {"code": old[0], "action": "codes"})
    new = re.findall(r"<code>([A-Z0-9-]{14})</code>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert services.recovery_codes_left(bob) == 10


@pytest.mark.django_db
def test_wrong_enrolment_code_keeps_the_same_secret(client, bob):
    client.force_login(bob)
    client.get(reverse("security:two_factor"))
    hex_key = client.session[PENDING_KEY]
    response = client.post(reverse("security:two_factor"), {"code": "12"})
    assert response.status_code == 400
    assert client.session[PENDING_KEY] == hex_key
    assert not TOTPDevice.objects.filter(user=bob).exists()


@pytest.mark.django_db
def test_log_out_works_before_the_second_step(client, alice, required):
    log_in(client, "alice@example.org")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_demo_log_ins_work_without_a_phone_when_switched_off(client, alice, collective):
    log_in(client, "alice@example.org")
    assert client.get(collective.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_required_users_reach_nothing_by_post_either(client, alice, collective, required):
    client.force_login(alice)
    response = client.post(reverse("communities:invite", args=[collective.slug]), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("security:two_factor")


@pytest.mark.django_db
def test_no_url_escapes_the_second_step(client, alice, required, request):
    """With KRING_REQUIRE_2FA on, an admin who only typed a password reaches no page of Kring
    (GET or POST) other than the steps themselves, log-out and the language switch."""
    from kring.security.middleware import OPEN_BEFORE_SECOND_STEP
    from tests.test_isolation import urls_for, walk

    world = request.getfixturevalue("alice_world")
    walked = 0
    for _route, name, pattern in walk():
        if name in OPEN_BEFORE_SECOND_STEP:
            continue
        for url in urls_for(pattern, name, world):
            for method in ("get", "post"):
                client.force_login(alice)
                response = getattr(client, method)(url)
                assert response.status_code == 302, f"{method.upper()} {url}"
                assert response["Location"].startswith(reverse("security:two_factor")), url
                walked += 1
    assert walked > 100
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("security:two_factor"))


@pytest.mark.parametrize(
    "env,expected",
    [
        (
            {"KRING_DEBUG": "false", "KRING_SECRET_KEY": "x" * 60, "KRING_AUDIT_KEY": "y" * 60},
            "True",
        ),
        (
            {
                "KRING_DEBUG": "false",
                "KRING_SECRET_KEY": "x" * 60,
                "KRING_AUDIT_KEY": "y" * 60,
                "KRING_REQUIRE_2FA": "0",
            },
            "False",
        ),
        ({"KRING_DEBUG": "true"}, "False"),
    ],
)
def test_required_by_default_in_production_only(env, expected):
    from tests.core.test_settings import manage

    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.KRING_REQUIRE_2FA)",
        env=env,
    )
    assert result.stdout.strip().splitlines()[-1] == expected, result.stderr

"""An admin must set up the second log-in step (KRING_REQUIRE_2FA on): scan or type the
secret, type a code, keep the recovery codes; the next log-in asks the code; too many wrong
passwords show the lock-out page. Every page passes axe, on a phone."""

from binascii import unhexlify

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, open_menu, screenshot


@pytest.fixture
def admin(transactional_db, settings):
    settings.KRING_REQUIRE_2FA = True
    settings.AXES_FAILURE_LIMIT = 3
    collective = factories.CollectiveFactory(name="Wijkcentrum Lindenhof", slug="lindenhof")
    user = factories.UserFactory(email="beheer@example.org", name="Anke Beheerder")
    factories.MembershipFactory(user=user, collective=collective, role=Role.ADMIN)
    return user


def log_in(page, url, password=factories.PASSWORD):
    page.goto(url + "/login/")
    page.get_by_label("E-mailadres").fill("beheer@example.org")
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_enrol_log_in_with_code_and_lock_out(live_server, phone, admin):
    page = phone
    log_in(page, live_server.url)
    assert "/account/two-factor/" in page.url
    assert page.locator(".qr-code svg").count() == 1
    check_accessibility(page, "enrolment")
    screenshot(page, "two-factor-enrol-phone")
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    assert len(secret) >= 32
    from base64 import b32decode

    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code uit de app (6 cijfers)").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Aanzetten").click()
    page.wait_for_load_state()
    assert page.locator(".recovery-codes li").count() == 10
    check_accessibility(page, "recovery codes")
    screenshot(page, "two-factor-recovery-codes-phone")
    page.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    page.wait_for_load_state()
    assert "/c/lindenhof/" in page.url

    open_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, live_server.url)
    assert "/login/code/" in page.url
    check_accessibility(page, "code step")
    screenshot(page, "two-factor-code-phone")
    device = TOTPDevice.objects.get(user=admin)
    totp = TOTP(unhexlify(device.key))
    totp.drift = 1  # the next code: the current one was used to enrol
    page.get_by_label("Code uit de app (6 cijfers)").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()
    assert "/c/lindenhof/" in page.url

    open_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    for _ in range(3):
        log_in(page, live_server.url, password="helemaal-fout")
    assert "Even wachten met inloggen" in page.content()
    check_accessibility(page, "lock-out")
    screenshot(page, "lock-out-phone")

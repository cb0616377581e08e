"""Forgotten password in the browser, on a phone: from the log-in page to a mail, a new
password and logging in with it; axe on every page of the way."""

import re

import pytest
from django.core import mail

from kring.communities.models import Role
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def bob(transactional_db):
    collective = factories.CollectiveFactory(name="Havenkwartier Coöperatie", slug="haven")
    user = factories.UserFactory(email="bob@example.org", name="Bob Buurtmaker")
    factories.MembershipFactory(user=user, collective=collective, role=Role.BUILDER)
    return user


def test_forgotten_password_from_ask_to_log_in(live_server, phone, bob):
    page = phone
    page.goto(live_server.url + "/login/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.wait_for_url("**/password/reset/")
    assert page.get_by_role("heading", level=1).inner_text() == "Wachtwoord vergeten"
    assert "Django" not in page.content()
    check_accessibility(page, "ask for a link")
    screenshot(page, "password-reset-ask")

    # A wrong address: a Dutch error at the field, what was typed is kept.
    page.get_by_label("E-mailadres").fill("bob-at-example")
    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_selector(".error-summary")
    assert "Dit is geen e-mailadres" in page.content()
    assert page.get_by_label("E-mailadres").input_value() == "bob-at-example"
    check_accessibility(page, "ask with an error")

    page.get_by_label("E-mailadres").fill("bob@example.org")
    page.get_by_role("button", name="Stuur mij de link").click()
    page.wait_for_url("**/password/reset/sent/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kijk in uw e-mail"
    check_accessibility(page, "mail sent")

    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    path = re.search(r"https?://[^/\s]+(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    page.goto(live_server.url + path)
    page.wait_for_selector("h1:text('Nieuw wachtwoord kiezen')")
    check_accessibility(page, "new password")
    screenshot(page, "password-reset-new")
    new = "fietsen langs de haven"
    page.locator("#id_new_password1").fill(new)
    page.locator("#id_new_password2").fill(new)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    page.wait_for_url("**/password/reset/done/")
    assert "Uw nieuwe wachtwoord is opgeslagen" in page.content()
    check_accessibility(page, "password saved")

    page.get_by_role("link", name="Inloggen").last.click()
    page.wait_for_url("**/login/")
    page.get_by_label("E-mailadres").fill("bob@example.org")
    page.get_by_label("Wachtwoord").fill(new)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/c/haven/")
    # The link worked once: a second visit says so and offers a new one.
    page.goto(live_server.url + path)
    page.wait_for_selector("text=Deze link werkt niet meer")
    check_accessibility(page, "used link")

"""Forgotten password: Kring's own pages and mail, the same answer for every address, limits
per visitor and per mailbox, the link working once."""

import re

import pytest
from django.core import mail
from django.urls import reverse


def _ask(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def _link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/password/reset/\S+/)", message.body).group(1)


@pytest.mark.django_db
def test_the_pages_are_krings_own(client):
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        body = client.get(reverse(name)).content.decode()
        assert "kring/kring.css" in body and 'class="site-header"' in body, name
        assert "Django" not in body and "/admin/" not in body, name
        assert "style=" not in body and "<style" not in body, name
    body = client.get(reverse("password_reset")).content.decode()
    assert "Wachtwoord vergeten</h1>" in body
    # Nothing claims the password was reset before anything happened.
    assert "opgeslagen" not in body


@pytest.mark.django_db
def test_known_and_unknown_addresses_get_the_same_answer(client, bob):
    known = _ask(client, "Bob@Example.org")
    unknown = _ask(client, "onbekend@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor Kring"
    assert "Beste Bob" in message.body and "24 uur" in message.body


@pytest.mark.django_db
def test_the_link_sets_a_new_password_once_and_lifts_nothing_else(client, bob):
    _ask(client, "bob@example.org")
    page = client.get(_link_path(mail.outbox[0]), follow=True)
    assert page.status_code == 200 and "Nieuw wachtwoord kiezen" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    # Two different passwords: a Dutch error, nothing saved.
    wrong = client.post(form_url, {"new_password1": "een lang wachtwoord", "new_password2": "x"})
    assert wrong.status_code == 200 and "error-summary" in wrong.content.decode()
    new = "een nieuw lang wachtwoord"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("password_reset_complete")
    bob.refresh_from_db()
    assert bob.check_password(new)
    again = client.get(_link_path(mail.outbox[0]), follow=True).content.decode()
    assert "Deze link werkt niet meer" in again


@pytest.mark.django_db
def test_the_mail_speaks_the_language_of_the_ask(client, bob):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("password_reset")).content.decode()
    assert "Forgot password" in page
    _ask(client, "bob@example.org")
    assert mail.outbox[0].subject == "New password for Kring"
    assert "Dear Bob" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_wrong_address_is_refused_and_kept(client):
    response = _ask(client, "geen adres")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dit is geen e-mailadres" in body and 'value="geen adres"' in body
    assert mail.outbox == []


@pytest.mark.django_db
def test_one_mailbox_gets_a_few_mails_an_hour_and_the_answer_stays_the_same(client, bob, settings):
    settings.KRING_PASSWORD_RESET_MAILS_PER_HOUR = 2
    answers = {_ask(client, "bob@example.org")["Location"] for _ in range(4)}
    assert answers == {reverse("password_reset_done")}
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_too_many_asks_from_one_visitor_must_wait(client, bob, settings):
    settings.KRING_PASSWORD_RESET_ASKS_PER_HOUR = 3
    for n in range(3):
        assert _ask(client, f"iemand{n}@example.org").status_code == 302
    refused = _ask(client, "bob@example.org")
    assert refused.status_code == 429
    assert "Probeer het over een uur opnieuw" in refused.content.decode()
    assert mail.outbox == []
    # Someone else (another address) can still ask.
    assert _ask(client, "bob@example.org", REMOTE_ADDR="192.0.2.7").status_code == 302
    assert len(mail.outbox) == 1

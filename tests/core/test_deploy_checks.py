"""check --deploy refuses senders and shown addresses no mail reaches; pages never show the
demo's stand-in address."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from kring.core.checks import check_mail_addresses
from kring.core.mailaddress import is_placeholder

REAL = {
    "DEFAULT_FROM_EMAIL": "Kring <kring@lsabewoners.nl>",
    "SERVER_EMAIL": "Kring <kring@lsabewoners.nl>",
    "KRING_NETWORK_EMAIL": "nieuwsbrief@lsabewoners.nl",
    "KRING_ACCESSIBILITY_EMAIL": "toegankelijkheid@gemeente.nl",
}


@pytest.mark.parametrize(
    "address",
    [
        "",
        "kring",
        "Kring <kring@localhost>",
        "nieuwsbrief@localhost",
        "nieuwsbrief@LOCALHOST.",
        "a@mail.localhost",
        "a@server",
        "a@127.0.0.1",
        "a@[192.0.2.1]",
        "a@example.org",
        "Kring <a@mail.example.com>",
        "a@example.net",
        "a@kring.example",
        "a@kring.test",
        "a@kring.invalid",
        "a@kring.local",
    ],
)
def test_placeholder_addresses(address):
    assert is_placeholder(address)


@pytest.mark.parametrize(
    "address",
    ["Kring <kring@lsabewoners.nl>", "nieuwsbrief@gemeente-utrecht.nl", "a@examples.org"],
)
def test_real_addresses(address):
    assert not is_placeholder(address)


def test_the_check_runs_with_deploy_only():
    deploy = checks.registry.registry.get_checks(include_deployment_checks=True)
    assert check_mail_addresses in deploy
    assert check_mail_addresses not in checks.registry.registry.get_checks()


def test_the_demo_defaults_are_refused(settings):
    for name, value in REAL.items():
        setattr(settings, name, value)
    assert check_mail_addresses() == []
    settings.KRING_NETWORK_EMAIL = "nieuwsbrief@localhost"
    settings.DEFAULT_FROM_EMAIL = "Kring <kring@example.org>"
    errors = check_mail_addresses()
    assert [e.id for e in errors] == ["kring.E001", "kring.E003"]
    assert all(e.is_serious() for e in errors)
    assert "KRING_NETWORK_EMAIL" in errors[1].hint
    with pytest.raises(SystemCheckError, match="nieuwsbrief@localhost"):
        call_command("check", deploy=True, tags=["security"])


@pytest.mark.django_db
def test_the_stand_in_network_address_is_never_shown(client, settings):
    settings.KRING_NETWORK_EMAIL = "nieuwsbrief@localhost"
    for url in ("/", reverse("public:newsletter")):
        body = client.get(url).content.decode()
        assert "@localhost" not in body and "Lukt aanmelden hier niet?" not in body
    settings.KRING_NEWSLETTER_SIGNUP = False
    body = client.get(reverse("public:newsletter")).content.decode()
    assert "@localhost" not in body
    assert "Aanmelden voor de nieuwsbrief kan op dit moment niet" in body
    settings.KRING_NETWORK_EMAIL = "nieuwsbrief@lsabewoners.nl"
    body = client.get(reverse("public:newsletter")).content.decode()
    assert 'href="mailto:nieuwsbrief@lsabewoners.nl?subject=Aanmelden%20nieuwsbrief"' in body

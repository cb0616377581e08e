"""No open redirects (every `next` and language switch stays on our host) and the security
headers on a page, a download and an error page."""

import html
import re
from binascii import unhexlify
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kring.security.views import PENDING_KEY
from tests.factories import PASSWORD, PublicationFactory

HOSTILE_TARGETS = [
    "//evil.example",
    "https://evil.example",
    "http://evil.example/login/",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " //evil.example",
    "https:evil.example",
    "///evil.example",
    "/%5Cevil.example",
]


def leaves_our_host(url: str) -> bool:
    """Read the way a browser does: backslashes count as slashes, spaces and tabs are dropped."""
    url = "".join(url.split()).replace("\\", "/")
    parts = urlsplit(url)
    return bool(parts.netloc and parts.netloc != "testserver") or parts.scheme not in ("", "http")


def assert_stays_here(response, target):
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        assert location.startswith("/"), (target, location)
        assert not leaves_our_host(location), f"{target!r} sent the visitor to {location!r}"
    body = response.content.decode(errors="replace")
    # Never offered as a link or form target either.
    for match in re.finditer(r'(?:href|action)="([^"]*)"', body):
        value = html.unescape(match.group(1))
        assert not leaves_our_host(value), (target, value)
    # Nor kept in a hidden field that a later step would follow.
    for match in re.finditer(r'name="next"[^>]*value="([^"]*)"', body):
        value = html.unescape(match.group(1))
        assert not leaves_our_host(value), (target, value)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
@pytest.mark.django_db
def test_log_in_never_sends_you_away(client, bob, target):
    page = client.get(reverse("login"), {"next": target})
    assert_stays_here(page, target)
    response = client.post(
        reverse("login"), {"username": "bob@example.org", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert_stays_here(response, target)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
@pytest.mark.django_db
def test_log_out_and_language_switch_stay_here(client, bob, target):
    client.force_login(bob)
    assert_stays_here(
        client.post(reverse("set_language"), {"language": "en", "next": target}), target
    )
    assert_stays_here(
        client.post(reverse("set_language") + "?next=" + target, {"language": "nl"}), target
    )
    assert_stays_here(client.post(reverse("logout"), {"next": target}), target)
    client.force_login(bob)
    assert_stays_here(client.post(reverse("logout") + "?next=" + target), target)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
@pytest.mark.django_db
def test_second_step_pages_stay_here(client, bob, target):
    client.force_login(bob)
    page = client.get(reverse("security:two_factor"), {"next": target})
    assert_stays_here(page, target)
    hex_key = client.session[PENDING_KEY]
    code = f"{TOTP(unhexlify(hex_key)).token():06d}"
    enrolled = client.post(reverse("security:two_factor"), {"code": code, "next": target})
    assert_stays_here(enrolled, target)
    client.logout()
    client.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    assert_stays_here(client.get(reverse("security:verify"), {"next": target}), target)
    assert_stays_here(client.get(reverse("security:recovery"), {"next": target}), target)
    totp = TOTP(unhexlify(hex_key))
    totp.drift = 1
    TOTPDevice.objects.filter(user=bob).update(last_t=0)
    response = client.post(
        reverse("security:verify"), {"code": f"{totp.token():06d}", "next": target}
    )
    assert response.status_code == 302
    assert_stays_here(response, target)


@pytest.mark.django_db
def test_invitation_for_someone_with_a_log_in_sends_to_log_in_here(client, alice, collective):
    from kring.communities import services
    from kring.communities.access import collective_access

    _invitation, token = services.invite_member(
        access=collective_access(alice, collective.slug), email="bob2@example.org", role="lid"
    )
    from tests.factories import UserFactory

    UserFactory(email="bob2@example.org")
    response = client.get(reverse("communities:accept", args=[token]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=%2F")


def test_no_view_redirects_to_raw_user_input():
    """Every redirect in the project either uses a fixed URL or goes through
    url_has_allowed_host_and_scheme: no redirect() of request.GET/POST/META."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "kring"
    pattern = re.compile(
        r"(redirect|HttpResponseRedirect)\([^)]*request\.(GET|POST|META|headers)", re.S
    )
    offenders = [
        str(path)
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text())
    ]
    assert not offenders, offenders


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy, policy
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_headers_on_a_page(client, bob, collective):
    client.force_login(bob)
    response = client.get(collective.get_absolute_url())
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.django_db
def test_headers_on_a_download(client):
    publication = PublicationFactory()
    response = client.get(reverse("public:publication_download", args=[publication.slug]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert_security_headers(response)


@pytest.mark.django_db
def test_headers_on_error_pages(client, bob, other_collective):
    assert_security_headers(client.get("/bestaat-niet/"))
    client.force_login(bob)
    forbidden = client.get(other_collective.get_absolute_url())
    assert forbidden.status_code in (403, 404)
    assert_security_headers(forbidden)
    assert_security_headers(client.post(reverse("login"), {}, HTTP_HOST="evil.example"))

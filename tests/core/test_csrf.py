"""The page's CSRF token masked faster (kring.core.csrf): Django's form, Django's check, a
fresh mask each time, and Django's own ``get_token`` where the request has no secret yet."""

import re
from collections import Counter

import pytest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    _unmask_cipher_token,
    get_token,
)
from django.test import Client, RequestFactory
from django.urls import reverse

from kring.core import csrf


def test_the_token_is_the_secret_masked_as_django_masks_it():
    secret = "abcdefghijklmnopqrstuvwxyzABCDEF"
    tokens = {csrf.mask_secret(secret) for _ in range(200)}
    assert len(tokens) == 200  # a new mask every time
    for token in tokens:
        assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
        assert _unmask_cipher_token(token) == secret


def test_the_mask_is_uniform_over_the_alphabet():
    counts = Counter(p for _ in range(3000) for p in csrf.random_mask())
    expected = 3000 * 32 / 62
    assert set(counts) == set(range(62))
    # Within 15 % of the mean for each of the 62 characters (96,000 draws: about 1,548 each,
    # a standard deviation of about 39).
    assert all(abs(n - expected) < 0.15 * expected for n in counts.values()), counts


def test_token_marks_the_cookie_for_renewal_as_django_does():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "abcdefghijklmnopqrstuvwxyzABCDEF"
    token = csrf.token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_without_a_secret_django_makes_one():
    request = RequestFactory().get("/")
    token = csrf.token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    # An odd secret (not of Django's form) is also left to Django.
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "short"
    odd = RequestFactory().get("/")
    odd.META["CSRF_COOKIE"] = "short"
    assert len(csrf.token(request)) == len(get_token(odd))


@pytest.mark.django_db
def test_a_form_posts_with_the_pages_token(alice, collective, monkeypatch):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get(reverse("privacy:accessibility"))  # sets the CSRF cookie (Django's token)
    masked = []
    monkeypatch.setattr(
        csrf, "mask_secret", lambda s, _m=csrf.mask_secret: masked.append(s) or _m(s)
    )
    page = client.get(reverse("privacy:accessibility"))
    assert len(masked) == 1  # the page's token, masked here once
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert tokens and len(set(tokens)) == 1  # the same token for every form of one page
    secret = client.cookies["csrftoken"].value
    assert _unmask_cipher_token(tokens[0]) == secret
    # The log-out form of the page's header, with the page's token: accepted (a redirect).
    answer = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert answer.status_code == 302
    # Without it: refused.
    client.force_login(alice)
    assert client.post(reverse("logout")).status_code == 403

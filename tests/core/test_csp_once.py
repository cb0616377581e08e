"""The Content-Security-Policy built once per process (kring.core.middleware.
OncePolicyCSPMiddleware) says what django-csp's middleware says, for every kind of answer."""

import pytest
from csp.constants import NONCE
from csp.decorators import csp_exempt, csp_replace
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from kring.core.middleware import OncePolicyCSPMiddleware


def _directives(value: str) -> set:
    return {part.strip() for part in value.split(";")} if value else set()


def _headers(middleware_class, view, path="/page/"):
    request = RequestFactory().get(path)
    response = middleware_class(view)(request)
    return {
        name: _directives(response.headers.get(name, ""))
        for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
    }, request


def _plain(request):
    return HttpResponse("ok")


@csp_replace({"img-src": ["'self'", "https://tiles.example"]})
def _own_policy(request):
    return HttpResponse("ok")


@csp_exempt()
def _exempt(request):
    return HttpResponse("ok")


def _with_nonce(request):
    return HttpResponse(str(request.csp_nonce))


def _compare(view, path="/page/"):
    ours, request = _headers(OncePolicyCSPMiddleware, view, path)
    theirs, _request = _headers(CSPMiddleware, view, path)
    assert ours == theirs
    return ours, request


def test_the_same_policy_for_every_kind_of_answer():
    ours, request = _compare(_plain)
    assert "default-src 'self'" in ours["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in ours["Content-Security-Policy"]
    assert ours["Content-Security-Policy-Report-Only"] == set()
    ours, _request = _compare(_own_policy)
    assert "img-src 'self' https://tiles.example" in ours["Content-Security-Policy"]
    ours, _request = _compare(_exempt)
    assert ours["Content-Security-Policy"] == set()
    # After the header is written, asking for a nonce is an error, as with django-csp.
    with pytest.raises(Exception, match="not available after the CSP header"):
        str(request.csp_nonce)


def test_settings_changed_nonces_report_only_and_excluded_addresses():
    policy = {
        "EXCLUDE_URL_PREFIXES": ["/skip/"],
        "DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]},
    }
    with override_settings(
        CONTENT_SECURITY_POLICY=policy,
        CONTENT_SECURITY_POLICY_REPORT_ONLY={"DIRECTIVES": {"img-src": ["'none'"]}},
    ):
        ours, _request = _compare(_plain)
        assert ours["Content-Security-Policy"] == {"default-src 'self'", "script-src 'self'"}
        assert "img-src 'none'" in ours["Content-Security-Policy-Report-Only"]
        ours, _request = _compare(_plain, "/skip/this/")
        assert ours["Content-Security-Policy"] == set()
        request = RequestFactory().get("/page/")
        response = OncePolicyCSPMiddleware(_with_nonce)(request)
        nonce = response.content.decode()
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
    # The settings' own policy again once the test's settings are gone.
    ours, _request = _compare(_plain)
    assert "frame-ancestors 'none'" in ours["Content-Security-Policy"]

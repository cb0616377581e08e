import json
import re
import time
from urllib.parse import unquote_to_bytes

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext_lazy


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose another language with the switch. Many Dutch residents
    have a browser set to English; they should still meet Kring in Dutch first."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# The Content-Security-Policy headers as django-csp builds them from the settings, built once
# per process: (header, its value, the address prefixes it skips) for the policy and the
# report-only policy. Emptied when a test changes the settings.
_policies: list = []


def _forget_policies(**kwargs):
    _policies.clear()


setting_changed.connect(_forget_policies)


def _settings_policies() -> list:
    if not _policies:
        for header, setting, report_only in (
            (HEADER, "CONTENT_SECURITY_POLICY", False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        ):
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES")
            _policies.append((header, build_policy(report_only=report_only), tuple(prefixes or ())))
    return _policies


class OncePolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy of the settings built once per process instead
    of on every answer (the same directives; the policy is the same for every page). An answer
    that a view gave a policy of its own (``csp_replace`` and the other decorators) or a
    request whose nonce was used goes through django-csp as before."""

    def process_response(self, request, response):
        own = any(
            getattr(response, name, None) is not None
            for name in (
                "_csp_config",
                "_csp_update",
                "_csp_replace",
                "_csp_config_ro",
                "_csp_update_ro",
                "_csp_replace_ro",
            )
        )
        if own or getattr(request, "_csp_nonce", None) is not None:
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for header, policy, prefixes in _settings_policies():
            exempt = "_csp_exempt_ro" if header == HEADER_REPORT_ONLY else "_csp_exempt"
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = policy
        # As django-csp: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class ServerTimingMiddleware:
    """With KRING_SERVER_TIMING on, every answer says how long the server worked on it
    (`Server-Timing: app;dur=…, cpu;dur=…, db;dur=…`, milliseconds): wall time, this process's
    CPU time and the time spent waiting for database queries (with their number); a page with
    a kept body adds `cache;desc="hit"` (or "miss"). Browsers show
    it in their developer tools; the load benchmark reads it to tell the server's own cost from
    waiting in a queue on a busy machine."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        database = {"seconds": 0.0, "queries": 0}

        def timed(execute, sql, params, many, context):
            query_started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                database["seconds"] += time.perf_counter() - query_started
                database["queries"] += 1

        started, cpu_started = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(timed):
            response = self.get_response(request)
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        response["Server-Timing"] = (
            f"app;dur={wall:.1f}, cpu;dur={cpu:.1f}, "
            f'db;dur={database["seconds"] * 1000:.1f};desc="{database["queries"]} queries"'
        )
        # Whether the page's body came from the page cache (kring.core.pagecache).
        outcomes = getattr(request, "kring_part_cache", None)
        if outcomes:
            outcome = "miss" if "miss" in outcomes else "off" if "off" in outcomes else "hit"
            response["Server-Timing"] += f', cache;desc="{outcome}"'
        return response


# A character Kring cannot store or search: NUL (PostgreSQL refuses it in text) and the halves
# of a UTF-16 pair on their own (no valid UTF-8 encodes them).
_ODD = re.compile("[\x00\ud800-\udfff]")
ODD_BYTES_MESSAGE = gettext_lazy(
    "In uw verzoek staat een teken dat Kring niet kan lezen, zoals een nul-teken of een "
    "kapot teken. Haal het weg en probeer het opnieuw. Er is niets opgeslagen."
)


def odd_input(request) -> bool:
    """Whether a query parameter, form field, JSON text or header value holds bytes that are
    no valid UTF-8, a NUL or a lone surrogate. Django reads invalid UTF-8 in a query string as
    replacement characters, so the raw string is checked too."""
    if _ODD.search(request.path):
        return True
    try:
        unquote_to_bytes(request.META.get("QUERY_STRING", "")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    if any(_ODD.search(v) for k, vs in request.GET.lists() for v in [k, *vs]):
        return True
    for name, value in request.META.items():
        if name.startswith("HTTP_") and isinstance(value, str) and "\x00" in value:
            return True
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH"):
        if content_type == "application/x-www-form-urlencoded":
            try:
                unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return True
        # A form under /api/ is the API's to read (it reads the raw body; parsing the form
        # here first would use up the stream).
        form = content_type == "application/x-www-form-urlencoded" or (
            content_type == "multipart/form-data" and not request.path.startswith("/api/")
        )
        if form:
            for key, values in request.POST.lists():
                if any(_ODD.search(v) for v in [key, *values]):
                    return True
        elif content_type == "application/json":
            try:
                data = json.loads(request.body.decode("utf-8"))
            except UnicodeDecodeError:
                return True
            except ValueError:
                return False  # not JSON: the API says so itself
            return _odd_json(data)
    return False


def _odd_json(value) -> bool:
    if isinstance(value, str):
        return bool(_ODD.search(value))
    if isinstance(value, dict):
        return any(_odd_json(k) or _odd_json(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_odd_json(v) for v in value)
    return False


class OddBytesMiddleware:
    """Odd bytes in what a visitor sends get a 400 with a plain Dutch message (problem details
    under /api/, see kring.api.middleware), before any view can store or search them: NUL in a
    search made PostgreSQL fail with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if odd_input(request):
            request.bad_request_reason = str(ODD_BYTES_MESSAGE)
            raise BadRequest(request.bad_request_reason)
        return self.get_response(request)

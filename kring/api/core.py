"""The pieces every endpoint shares: the token check, the throttle per token, pages of results,
ETag and If-None-Match, and the docs page served from our own static files."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.openapi.docs import DocsBase
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from . import openapi, services
from .problems import PreconditionFailed, UnsupportedMediaType

MAX_LIMIT = 100
DEFAULT_LIMIT = 25
# Offsets beyond this are refused by the schema: no client needs to skip a million rows.
MAX_OFFSET = 1_000_000


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = services.authenticate(token.strip())
        if found is not None:
            request.token_access = found
        return found


def access_of(request: HttpRequest, *, builder: bool = False, write: bool = False):
    """The caller's CollectiveAccess, after checking what the operation needs."""
    found: services.TokenAccess = request.auth
    if found.access is None:
        # A municipality token reaches no collective's data.
        raise Http404
    if write and not found.token.may_write:
        raise PermissionDenied(
            _("Deze sleutel mag alleen lezen. Maak een sleutel die mag schrijven.")
        )
    if (builder or write) and not found.access.is_builder:
        raise PermissionDenied(_("Dit kan alleen een buurtmaker of beheerder van het collectief."))
    return found.access


class TokenThrottle(BaseThrottle):
    """At most KRING_API_RATE requests per token per minute (counted in each web process's
    cache). Requests without a token (the public directory) are not counted: behind a proxy
    they would all share one address."""

    def allow_request(self, request: HttpRequest) -> bool:
        found = getattr(request, "auth", None)
        if found is None:
            return True
        key = f"kring-api-throttle:{found.token.token_hash[:20]}:{int(time.time() // 60)}"
        cache.add(key, 0, timeout=70)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=70)
            count = 1
        self._wait = 60 - time.time() % 60
        return count <= settings.KRING_API_RATE

    def wait(self):
        return getattr(self, "_wait", 60)


def etag_of(content: bytes | str) -> str:
    if isinstance(content, str):
        content = content.encode()
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


class JsonOnly(Parser):
    """Bodies are JSON, sent as such: the odd-bytes check (kring.core.middleware) reads exactly
    those, so any other content type is refused (415) rather than read unchecked."""

    def parse_body(self, request: HttpRequest):
        if request.content_type != "application/json":
            raise UnsupportedMediaType
        return super().parse_body(request)


# The API's renderer: responses and the If-Match check render through the same one, so an ETag
# compares like with like.
RENDERER = JSONRenderer()


class KringAPI(NinjaAPI):
    # Operation titles for the docs by view function name (lazy: in the reader's language).
    summaries: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("renderer", RENDERER)
        super().__init__(*args, **kwargs)

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response["Cache-Control"] = "private, no-cache"
        response["Vary"] = "Authorization"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            etag = etag_of(response.content)
            response["ETag"] = etag
            if _matches(request.headers.get("If-None-Match", ""), etag):
                not_modified = HttpResponseNotModified()
                for header in ("ETag", "Cache-Control", "Vary"):
                    not_modified[header] = response[header]
                return not_modified
        return response

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return openapi.finish(schema, summaries=self.summaries)


class Docs(DocsBase):
    """Swagger UI from kring/static/vendor (npm, `make vendor`): no CDN, no inline script."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs) -> HttpResponse:
        return render(
            request,
            "api/docs.html",
            {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)},
        )


class Page(Schema):
    count: int
    next: str | None
    previous: str | None


def page_of(request: HttpRequest, items, *, limit: int, offset: int) -> dict:
    """One page of a queryset (or list): the total, links to the next and previous page."""
    count = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    rows = list(items[offset : offset + limit])

    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(new_offset)
        return request.build_absolute_uri(request.path) + "?" + query.urlencode()

    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "results": rows,
    }


def check_if_match(request: HttpRequest, schema: type[Schema], obj) -> None:
    """With If-Match, refuse a change to an object whose representation moved on (412)."""
    header = request.headers.get("If-Match")
    if not header:
        return
    data = schema.model_validate(obj, context={"request": request}).model_dump()
    content = RENDERER.render(request, data, response_status=200)
    if not _matches(header, etag_of(content)):
        raise PreconditionFailed


def municipality_user_of(request: HttpRequest):
    """The municipality user behind the caller's token; a collective token gets 403."""
    user = request.auth.municipality_user
    if user is None:
        raise PermissionDenied(_("Dit kan alleen met een sleutel van een gemeente."))
    return user

"""A collective page's body kept in the shared cache (``kring.core.pagecache``), for one audience.

What a body shows depends on the collective's data, the viewer's role (what a role may see and
do: buurtmakers see every gift and the edit buttons, members only what residents allowed) and
the request's parameters; nothing in these bodies depends on who the viewer is beyond the role.
A body is rendered without the context processors: only ``request``, ``access`` and
``collective`` are added, so nothing from the session, the messages or the CSRF token can end
up in a kept body (a ``{% csrf_token %}`` renders as nothing here, or, with ``csrf=True``, as a
marker that each request replaces with its own token). A body that is not to be kept (a form
with errors) is rendered as before, with them."""

from collections.abc import Callable
from typing import NamedTuple

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from kring.core.csrf import token as get_token
from kring.core.pagecache import cached_part, part_key_now, query_params, read_many
from kring.core.sections import Section

from .access import CollectiveAccess

# Stands in for the CSRF token in a kept body; replaced by the request's token when served.
CSRF_MARKER = "kringCsrfTokenMarker0000000000000000000000000000000000000000000000"


class Body(NamedTuple):
    html: str
    title: str  # the context's "title", for the page's <title>


def body(
    request,
    access: CollectiveAccess,
    *,
    part: str,
    template: str,
    context: Callable[[], tuple[dict, bool]],
    shows: tuple[str, ...] | None,
    params: list[tuple[str, str]] | None = None,
    csrf: bool = False,
) -> Body:
    """The body's HTML and title. ``context()`` gives the template's context and whether the
    result may be kept; ``shows``: the kinds of data the body shows (``kring.core.versioning``;
    None: every kind), whose versions it is kept under; ``params`` default to all of the
    request's GET values; ``csrf``: the body has forms that post."""

    def build() -> tuple[tuple[str, str], bool]:
        values, keep = context()
        if keep:
            extra = {"request": request, "access": access, "collective": access.collective}
            if csrf:
                extra["csrf_token"] = CSRF_MARKER
            html = get_template(template).render({**values, **extra})
        else:
            html = get_template(template).render(values, request)
        return (str(html), str(values.get("title", ""))), keep

    html, title = cached_part(
        request,
        part=part,
        collective_id=access.collective.pk,
        audience=(access.role,),
        build=build,
        shows=shows,
        params=query_params(request) if params is None else params,
    )
    if csrf and CSRF_MARKER in html:
        html = html.replace(CSRF_MARKER, get_token(request))
    return Body(mark_safe(html), title)  # rendered by the template engine


def list_page(
    request,
    access: CollectiveAccess,
    *,
    part: str,
    context: Callable[[], tuple[dict, bool]],
    results: str,
    whole: str,
    page: str,
    shows: tuple[str, ...] | None,
    extra: dict | None = None,
) -> HttpResponse:
    """A list with filters whose body is kept: while a filter is typed (htmx) only the results
    (template ``results``), else the whole body (``whole``) inside the page ``page`` (with
    ``extra`` in its context). ``shows``: the kinds of data either shows (see ``body``)."""
    if request.htmx:
        kept = body(
            request,
            access,
            part=f"{part}:results",
            template=results,
            context=context,
            shows=shows,
        )
        return HttpResponse(kept.html)
    kept = body(request, access, part=part, template=whole, context=context, shows=shows)
    return render(request, page, {"body": kept.html, **(extra or {})})


class KeptSections:
    """``keep`` for a page's registered sections (``kring.core.sections``): each kept section
    is served from the page cache or rendered and kept. The versions of the kinds of data the
    sections show are read once, before any of them is rendered, so no kept section is older
    than the versions it is kept under, and all of the page's kept sections are asked of the
    cache at once (``prefetch``, one round trip to Redis instead of one per section).
    ``shows(name)``: the kinds of data a section shows, as registered."""

    def __init__(self, request, access: CollectiveAccess, shows: Callable):
        self.request, self.access, self.shows = request, access, shows
        self.read: dict | None = None

    def prefetch(self, wanted: list[tuple[str, tuple]]) -> None:
        """The sections the page will ask for, as (name, varies): read them all now."""
        keys = [
            part_key_now(
                self.request,
                part=_section_part(name),
                collective_id=self.access.collective.pk,
                audience=(self.access.role,),
                shows=self.shows(name),
                params=_section_params(varies),
            )
            for name, varies in wanted
        ]
        keys = [key for key in keys if key is not None]
        self.read = read_many(keys) if keys else None

    def __call__(self, name: str, seconds: int, make: Callable, varies: tuple = ()):
        return section(
            self.request,
            self.access,
            name,
            seconds,
            make,
            shows=self.shows(name),
            varies=varies,
            read=self.read,
        )


def _section_part(name: str) -> str:
    return f"section:{name}"


def _section_params(varies: tuple) -> list[tuple[str, str]]:
    return [("varies", str(value)) for value in varies]


def section(
    request,
    access: CollectiveAccess,
    name: str,
    seconds: int,
    make: Callable,
    *,
    shows: tuple[str, ...] | None = None,
    varies: tuple = (),
    read: dict | None = None,
):
    """A registered section of a collective's page (``kring.core.sections``) kept rendered: a
    Section that shows the kept HTML, or None when the provider gives none. ``shows``: the
    kinds of data it shows, as registered (None: every kind); ``varies``: what else the
    section depends on (part of the key); ``read``: as ``cached_part``."""

    def build() -> tuple[str, bool]:
        made = make()
        if made is None:
            return "", True
        values = {"section": made.context, "request": request, "access": access}
        values["collective"] = access.collective
        return str(get_template(made.template).render(values)), True

    html = cached_part(
        request,
        part=_section_part(name),
        collective_id=access.collective.pk,
        audience=(access.role,),
        build=build,
        params=_section_params(varies),
        shows=shows,
        ttl=seconds,
        read=read,
    )
    return None if not html else Section("kring/_kept_section.html", {"html": mark_safe(html)})

"""Rows of the long lists (30 gifts, 50 residents a page) written in Python: the template
engine cost 0.2–0.3 ms of CPU per row (a URL reverse, a dozen variable lookups and tags, a
translation with a count), 10 ms per list page; these functions write the same HTML in a
tenth of that (docs/performance.md, Load). Every value is escaped as a template would."""

from django.urls import reverse

_SENTINEL = 987654321


def detail_urls(viewname: str, slug: str):
    """``pk -> url`` of a detail page in one collective, with one reverse for the whole list."""
    url = reverse(viewname, args=[slug, _SENTINEL])
    head, _sentinel, tail = url.rpartition(str(_SENTINEL))
    return lambda pk: f"{head}{int(pk)}{tail}"

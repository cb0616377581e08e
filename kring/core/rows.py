"""Rows of the long lists (30 gifts, 50 residents a page) written in Python: per row the
template engine did a URL reverse, a dozen variable lookups and tags and a translation with a
count; the functions that use this write the same HTML without that work (the list pages'
worker CPU fell by a fifth or more, docs/performance.md, Load). Every value is escaped as a
template would."""

from django.urls import reverse

_SENTINEL = 987654321


def detail_urls(viewname: str, slug: str):
    """``pk -> url`` of a detail page in one collective, with one reverse for the whole list."""
    url = reverse(viewname, args=[slug, _SENTINEL])
    head, _sentinel, tail = url.rpartition(str(_SENTINEL))
    return lambda pk: f"{head}{int(pk)}{tail}"

"""Matching: one search engine for a whole collective (see docs/architecture.md, "Matching").

from kring.matching import search
for match in search(collective=c, text="fietsreparatie", neighbourhood=need.neighbourhood,
                    viewer_access=access):
    match.asset, match.score, match.reasons
"""

from .results import Match

__all__ = ["Match", "explain", "search"]


def search(
    *,
    collective,
    text: str,
    neighbourhood=None,
    limit: int = 10,
    viewer_access=None,
    categories=None,
) -> list[Match]:
    """The best ``limit`` assets of ``collective`` for ``text``, each with its reasons.

    ``viewer_access`` (a CollectiveAccess) narrows the results to what that member may see;
    without it, results are what a buurtmaker of the collective may see. A resident's gift
    appears only while the resident consents to matching ("verbinden")."""
    from .selectors import search as _search

    return _search(
        collective=collective,
        text=text,
        neighbourhood=neighbourhood,
        limit=limit,
        viewer_access=viewer_access,
        categories=categories,
    )


def explain(*, text: str, assets, neighbourhood=None) -> list[Match]:
    """How well each of ``assets`` (already read and allowed: the caller decides who may be
    named) fits ``text``, best first, each with its reasons; assets that do not fit are left
    out. Used for one connection's message ("why did you think of me?"), not for searching."""
    from .selectors import explain as _explain

    return _explain(text=text, assets=assets, neighbourhood=neighbourhood)

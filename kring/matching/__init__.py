"""Matching: one search engine for a whole collective (see docs/architecture.md, "Matching").

from kring.matching import search
for match in search(collective=c, text="fietsreparatie", neighbourhood=need.neighbourhood,
                    viewer_access=access):
    match.asset, match.score, match.reasons
"""

from .results import Match

__all__ = ["Match", "search"]


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

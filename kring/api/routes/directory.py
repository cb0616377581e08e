"""The network's public member directory: no token, only published profile fields, read
through the same selectors as the public site."""

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from kring.communities.models import Province
from kring.public.selectors import MemberFilters, filtered_members, public_member

from ..core import page_of
from ..formats import GEMEENTE, NO_NUL, SLUG
from ..schemas import MemberOut, MemberPage
from . import ERRORS, limit_param, offset_param

router = Router(tags=["ledenlijst"], auth=None)


@router.get("/directory", response={200: MemberPage, 304: None, **ERRORS}, url_name="directory")
def list_members(
    request: HttpRequest,
    q: str = Query("", max_length=100, pattern=NO_NUL),
    province: Province | None = None,
    gemeente: str = Query(
        "", max_length=6, pattern=GEMEENTE, description="CBS-code, bijvoorbeeld GM0599"
    ),
    theme: str = Query("", max_length=50, pattern=NO_NUL),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Member collectives that published their profile."""
    members = filtered_members(
        MemberFilters(
            q=q.strip(), province=province or "", municipality=gemeente.strip(), theme=theme.strip()
        )
    )
    return page_of(request, members, limit=limit, offset=offset)


@router.get("/directory/{slug}", response={200: MemberOut, 304: None, **ERRORS}, url_name="member")
def get_member(request: HttpRequest, slug: str = Path(..., max_length=80, pattern=SLUG)):
    member = public_member(slug)
    if member is None:
        raise Http404
    return member

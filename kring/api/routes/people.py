"""Residents through the API: only for buurtmakers and beheerders (as on the web), only
residents who allowed the collective to keep their data, never contact details; every read
is written to the audit log, one entry per resident, with the token as the target."""

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from kring.core import audit
from kring.people.models import ConsentPurpose, Resident
from kring.people.selectors import resident_detail, resident_list

from ..core import access_of, page_of
from ..formats import BUURT, NO_NUL
from ..schemas import ResidentOut, ResidentPage
from . import ERRORS, PK, limit_param, offset_param
from .assets import neighbourhood_by_code

router = Router(tags=["bewoners"])


def _log_reads(request: HttpRequest, access, residents: list[Resident]) -> None:
    """One audit entry per resident read (so each one's inzage shows it), written at once."""
    if residents:
        audit.record_many(
            access=access,
            action=audit.Action.VIEW,
            target=request.auth.token,
            subjects=residents,
            summary="read through the api",
        )


@router.get("/residents", response={200: ResidentPage, 304: None, **ERRORS}, url_name="residents")
def list_residents(
    request: HttpRequest,
    q: str = Query("", max_length=100, pattern=NO_NUL, description="Zoek op naam"),
    buurt: str | None = Query(
        None, max_length=10, pattern=BUURT, description="CBS-code van de buurt"
    ),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    access = access_of(request, builder=True)
    neighbourhood = neighbourhood_by_code(access, buurt)
    if buurt and neighbourhood is None:
        residents = Resident.objects.none()
    else:
        residents = (
            resident_list(access, query=q.strip(), neighbourhood=neighbourhood)
            .with_consent(ConsentPurpose.INVENTORY)
            .prefetch_related("consents")
        )
    page = page_of(request, residents, limit=limit, offset=offset)
    _log_reads(request, access, page["results"])
    return page


@router.get(
    "/residents/{pk}", response={200: ResidentOut, 304: None, **ERRORS}, url_name="resident"
)
def get_resident(request: HttpRequest, pk: int = Path(..., **PK)):
    access = access_of(request, builder=True)
    resident = resident_detail(access, pk)
    if ConsentPurpose.INVENTORY not in resident.active_purposes():
        raise Http404
    _log_reads(request, access, [resident])
    return resident

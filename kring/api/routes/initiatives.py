"""Initiatives and their needs (every member), and the connections log (buurtmakers)."""

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from kring.initiatives import selectors, services
from kring.initiatives.forms import ConnectionForm
from kring.initiatives.models import ConnectionKind, Initiative, NeedStatus, Question
from kring.initiatives.models import Status as InitiativeStatus

from ..core import access_of, page_of
from ..formats import BUURT
from ..problems import form_problem
from ..schemas import (
    ConnectionIn,
    ConnectionOut,
    ConnectionPage,
    InitiativeDetailOut,
    InitiativePage,
    IsoDate,
    NeedPage,
)
from . import ERRORS, PK, WRITE_ERRORS, limit_param, offset_param
from .assets import neighbourhood_by_code

router = Router(tags=["initiatieven"])

CONNECTION_FIELDS = {
    "resident": "resident_id",
    "other_resident": "other_resident_id",
    "asset": "asset_id",
    "initiative": "initiative_id",
    "__all__": None,
}


@router.get(
    "/initiatives", response={200: InitiativePage, 304: None, **ERRORS}, url_name="initiatives"
)
def list_initiatives(
    request: HttpRequest,
    status: InitiativeStatus | None = None,
    buurt: str | None = Query(
        None, max_length=10, pattern=BUURT, description="CBS-code van de buurt"
    ),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    access = access_of(request)
    neighbourhood = neighbourhood_by_code(access, buurt)
    if buurt and neighbourhood is None:
        initiatives = Initiative.objects.none()
    else:
        initiatives = selectors.initiative_list(
            access, status=status or "", neighbourhood=neighbourhood
        )
    return page_of(request, initiatives, limit=limit, offset=offset)


@router.get(
    "/initiatives/{pk}",
    response={200: InitiativeDetailOut, 304: None, **ERRORS},
    url_name="initiative",
)
def get_initiative(request: HttpRequest, pk: int = Path(..., **PK)):
    return selectors.initiative_detail(access_of(request), pk)


@router.get("/needs", response={200: NeedPage, 304: None, **ERRORS}, url_name="needs")
def list_needs(
    request: HttpRequest,
    status: NeedStatus | None = None,
    question: Question | None = None,
    initiative_id: int | None = Query(None, **PK),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Needs under the three questions: what residents do themselves, with some help, and
    what an institution must do."""
    needs = selectors.needs_of(
        access_of(request),
        status=status or "",
        question=question or "",
        initiative_id=initiative_id,
    )
    return page_of(request, needs, limit=limit, offset=offset)


@router.get(
    "/connections", response={200: ConnectionPage, 304: None, **ERRORS}, url_name="connections"
)
def list_connections(
    request: HttpRequest,
    kind: ConnectionKind | None = None,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """The connections log, newest first (buurtmakers and beheerders)."""
    connections = selectors.connection_log(
        access_of(request, builder=True), kind=kind or "", since=since, until=until
    )
    return page_of(request, connections, limit=limit, offset=offset)


@router.post("/connections", response={201: ConnectionOut, **WRITE_ERRORS}, url_name="connections")
def create_connection(request: HttpRequest, payload: ConnectionIn):
    """Record a tie: a resident with another resident or with a group, institution or place."""
    access = access_of(request, write=True)
    data = payload.model_dump(mode="json")
    form = ConnectionForm(
        {
            "resident": data["resident_id"],
            "kind": data["kind"],
            "other_resident": data["other_resident_id"] or "",
            "asset": data["asset_id"] or "",
            "happened_on": data["happened_on"],
            "initiative": data["initiative_id"] or "",
            "note": data["note"],
        },
        access=access,
    )
    if not form.is_valid():
        return form_problem(request, form, CONNECTION_FIELDS)
    connection = services.record_connection(access=access, connection=form.save(commit=False))
    return Status(201, connection)

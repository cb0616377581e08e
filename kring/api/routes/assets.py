"""Assets through the API, read and written with the web's form and services, so the checks,
the history, the search index and the audit log are the same as on the pages."""

from django.http import HttpRequest
from ninja import Body, Path, Query, Router, Status

from kring.assets import services
from kring.assets.forms import AssetForm
from kring.assets.models import Asset, Category
from kring.assets.selectors import asset_detail, asset_list
from kring.assets.services import TAG_LENGTH
from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.locking import EditConflict

from ..core import access_of, check_if_match, page_of
from ..formats import BUURT, NO_NUL
from ..problems import PreconditionFailed, PreconditionRequired, form_problem
from ..schemas import AssetIn, AssetOut, AssetPage, AssetPatch
from . import ERRORS, PK, UPDATE_ERRORS, WRITE_ERRORS, limit_param, offset_param

router = Router(tags=["bronnen"])

# Form field name -> API field name, for errors.
FIELD_NAMES = {"neighbourhood": "buurt", "resident": "resident_id", "__all__": None}
# A code no buurt has: the form then says the choice is not valid.
UNKNOWN_BUURT = "0"


def neighbourhood_by_code(access: CollectiveAccess, code: str | None):
    if not code:
        return None
    return neighbourhoods_of(access.collective).filter(code=code).first()


def _form_data(access: CollectiveAccess, payload: dict) -> dict:
    data = {}
    for key, value in payload.items():
        if key == "buurt":
            found = neighbourhood_by_code(access, value)
            data["neighbourhood"] = found.pk if found else ("" if not value else UNKNOWN_BUURT)
        elif key == "resident_id":
            data["resident"] = value or ""
        elif key == "tags":
            data["tags"] = ", ".join(value)
        elif key not in ("category", "version"):
            data[key] = "" if value is None else value
    return data


@router.get("/assets", response={200: AssetPage, 304: None, **ERRORS}, url_name="assets")
def list_assets(
    request: HttpRequest,
    category: Category | None = None,
    buurt: str | None = Query(
        None, max_length=10, pattern=BUURT, description="CBS-code van de buurt"
    ),
    tag: str = Query("", max_length=TAG_LENGTH, pattern=NO_NUL),
    q: str = Query(
        "", max_length=100, pattern=NO_NUL, description="Zoek in naam, toelichting en labels"
    ),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """The collective's assets the token's owner may see, newest first."""
    access = access_of(request)
    neighbourhood = neighbourhood_by_code(access, buurt)
    if buurt and neighbourhood is None:
        assets = Asset.objects.none()
    else:
        assets = asset_list(
            access,
            category=category or "",
            query=q.strip(),
            neighbourhood=neighbourhood,
            tag=tag.strip().lower(),
        )
    return page_of(request, assets, limit=limit, offset=offset)


@router.post("/assets", response={201: AssetOut, **WRITE_ERRORS}, url_name="assets")
def create_asset(request: HttpRequest, payload: Body[AssetIn]):
    """A new asset; needs a read-write token of a buurtmaker or beheerder."""
    access = access_of(request, write=True)
    form = AssetForm(
        _form_data(access, payload.model_dump(mode="json")),
        access=access,
        category=payload.category,
    )
    if not form.is_valid():
        return form_problem(request, form, FIELD_NAMES)
    asset = services.create_asset(
        access=access, asset=form.save(commit=False), tags=form.cleaned_data["tags"]
    )
    return Status(201, asset_detail(access, asset.pk))


@router.get("/assets/{pk}", response={200: AssetOut, 304: None, **ERRORS}, url_name="asset")
def get_asset(request: HttpRequest, pk: int = Path(..., **PK)):
    return asset_detail(access_of(request), pk)


@router.patch("/assets/{pk}", response={200: AssetOut, **UPDATE_ERRORS}, url_name="asset")
def update_asset(request: HttpRequest, payload: AssetPatch, pk: int = Path(..., **PK)):
    """Change the fields sent. Name the version you change: send the ETag of your GET as
    ``If-Match`` (when someone else saved in between: 412), or the ``version`` you read (then:
    409 with the current version). Without either the answer is 428."""
    access = access_of(request, write=True)
    asset = asset_detail(access, pk)
    if payload.version is None and not request.headers.get("If-Match"):
        raise PreconditionRequired
    check_if_match(request, AssetOut, asset)
    # If-Match matched what was read just now: the service compares that version under lock.
    expected = payload.version if payload.version is not None else asset.version
    current = AssetForm(instance=asset, access=access, category=asset.category)
    data = {
        name: "" if current[name].value() is None else current[name].value()
        for name in current.fields
        if name != "image"
    }
    data.update(_form_data(access, payload.model_dump(mode="json", exclude_unset=True)))
    data["version"] = expected
    form = AssetForm(data, instance=asset, access=access, category=asset.category)
    if not form.is_valid():
        return form_problem(request, form, FIELD_NAMES)
    try:
        services.update_asset(
            access=access,
            asset=form.save(commit=False),
            tags=form.cleaned_data["tags"],
            expected_version=form.expected_version,
        )
    except EditConflict:
        if payload.version is None:
            # Saved by someone else between the If-Match check and the lock.
            raise PreconditionFailed from None
        raise
    return asset_detail(access, pk)


@router.delete("/assets/{pk}", response={204: None, **WRITE_ERRORS}, url_name="asset")
def delete_asset(request: HttpRequest, pk: int = Path(..., **PK)):
    access = access_of(request, write=True)
    asset = asset_detail(access, pk)
    check_if_match(request, AssetOut, asset)
    services.delete_asset(access=access, asset=asset)
    return Status(204, None)

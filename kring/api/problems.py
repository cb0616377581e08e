"""Every API error as problem details (RFC 9457): ``application/problem+json`` with a Dutch
``title`` and ``detail`` and, for input errors, the fields and what is wrong with each."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from kring.assets.models import Category
from kring.core.locking import EditConflict

from . import formats

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Het verzoek klopt niet"),
    401: gettext_lazy("Sleutel ontbreekt of werkt niet"),
    403: gettext_lazy("Dit mag niet met deze sleutel"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Deze methode kan hier niet"),
    409: gettext_lazy("Iemand anders heeft dit intussen veranderd"),
    412: gettext_lazy("De versie klopt niet meer"),
    428: gettext_lazy("Zeg welke versie u aanpast"),
    422: gettext_lazy("Niet alle gegevens kloppen"),
    413: gettext_lazy("Het verzoek is te groot"),
    415: gettext_lazy("Stuur JSON"),
    429: gettext_lazy("Te veel verzoeken"),
    500: gettext_lazy("Er ging iets mis in Kring"),
    "default": gettext_lazy("Een andere fout, als problem details"),
}


class FieldProblem(Schema):
    field: str | None
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldProblem] | None = None
    current_version: int | None = None


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    errors: list[dict] | None = None,
    **extra,
) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, _("Fout"))),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    response = JsonResponse(body, status=status, content_type=PROBLEM_TYPE)
    response["Cache-Control"] = "private, no-store"
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="kring"'
    return response


# Pydantic's error types in plain Dutch; {name} placeholders come from the error's context.
_MESSAGES = {
    "missing": gettext_lazy("Dit veld is verplicht."),
    "int_parsing": gettext_lazy("Vul een heel getal in."),
    "int_type": gettext_lazy("Vul een heel getal in."),
    "int_from_float": gettext_lazy("Vul een heel getal in."),
    "float_parsing": gettext_lazy("Vul een getal in."),
    "float_type": gettext_lazy("Vul een getal in."),
    "finite_number": gettext_lazy("Vul een gewoon getal in."),
    "bool_parsing": gettext_lazy("Vul true of false in."),
    "string_type": gettext_lazy("Vul tekst in."),
    "string_too_long": gettext_lazy("Gebruik hoogstens {max_length} tekens."),
    "string_too_short": gettext_lazy("Gebruik minstens {min_length} tekens."),
    "too_long": gettext_lazy("Geef hoogstens {max_length} waarden."),
    "list_type": gettext_lazy("Geef een lijst."),
    "dict_type": gettext_lazy("Geef een object."),
    "model_attributes_type": gettext_lazy("Geef een object."),
    "enum": gettext_lazy("Kies een van deze waarden: {expected}."),
    "literal_error": gettext_lazy("Kies een van deze waarden: {expected}."),
    "greater_than_equal": gettext_lazy("Vul {ge} of meer in."),
    "greater_than": gettext_lazy("Vul meer dan {gt} in."),
    "less_than_equal": gettext_lazy("Vul {le} of minder in."),
    "less_than": gettext_lazy("Vul minder dan {lt} in."),
    "date_parsing": gettext_lazy("Vul een datum in als JJJJ-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Vul een datum in als JJJJ-MM-DD."),
    "date_type": gettext_lazy("Vul een datum in als JJJJ-MM-DD."),
    "string_pattern_mismatch": gettext_lazy("Deze waarde heeft niet de goede vorm."),
    "json_invalid": gettext_lazy("De inhoud is geen geldige JSON."),
    "extra_forbidden": gettext_lazy("Dit veld kennen we niet."),
    "union_tag_invalid": gettext_lazy("Kies een van deze waarden: {expected_tags}."),
    "union_tag_not_found": gettext_lazy("Dit veld is verplicht."),
    "coordinates": gettext_lazy(
        "Vul de breedtegraad én de lengtegraad in, of laat ze allebei leeg."
    ),
}
# The category of a new asset chooses its fields; pydantic names it in the error's place.
_SKIPPED = {"body", "query", "path", "header", "payload", *Category.values}


def _field_name(location: list | tuple) -> str | None:
    # ("body", "payload", "title") -> "title"; ("query", "limit") -> "limit"
    parts = [str(p) for p in location if p not in _SKIPPED]
    return ".".join(parts) or None


def dutch_message(error: dict) -> str:
    if error.get("type") == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        if pattern in formats.MESSAGES:
            return str(formats.MESSAGES[pattern])
    template = _MESSAGES.get(error.get("type", ""))
    if template is None:
        return _("Deze waarde klopt niet.")
    context = {k: str(v) for k, v in (error.get("ctx") or {}).items()}
    try:
        return str(template).format(**context)
    except (KeyError, IndexError):
        return _("Deze waarde klopt niet.")


def _error_field(error: dict) -> str | None:
    if error.get("type") in ("union_tag_invalid", "union_tag_not_found"):
        # The field that chooses the variant (an asset's category) is the one at fault.
        return str((error.get("ctx") or {}).get("discriminator", "")).strip("'\"") or None
    return _field_name(error.get("loc", ()))


def on_validation_error(request, exc: ValidationError):
    errors = [{"field": _error_field(e), "message": dutch_message(e)} for e in exc.errors]
    return problem(
        request,
        422,
        _("Verbeter de velden hieronder en probeer het opnieuw."),
        errors=errors,
    )


def on_not_found(request, exc):
    return problem(request, 404, _("Dit bestaat niet, of u mag het met deze sleutel niet zien."))


def on_permission_denied(request, exc):
    message = str(exc) if str(exc) else _("Uw rol of deze sleutel geeft hier geen toegang toe.")
    return problem(request, 403, message)


def on_authentication_error(request, exc):
    return problem(
        request,
        401,
        _(
            "Stuur een geldige API-sleutel mee als ‘Authorization: Bearer …’. Een sleutel maakt "
            "u bij uw collectief onder API-sleutels; een ingetrokken of verlopen sleutel werkt "
            "niet meer."
        ),
    )


def on_throttled(request, exc: Throttled):
    response = problem(
        request,
        429,
        _("U stuurt te veel verzoeken met deze sleutel. Wacht even en probeer het dan opnieuw."),
    )
    return response


class UnsupportedMediaType(Exception):
    """A body that is not sent as JSON (``Content-Type: application/json``)."""


def on_http_error(request, exc: HttpError):
    # ninja turns whatever the body parser raises into a 400; the cause tells them apart.
    if isinstance(exc.__cause__, UnsupportedMediaType):
        return problem(
            request, 415, _("Stuur de inhoud als JSON, met ‘Content-Type: application/json’.")
        )
    if exc.status_code == 400:
        return problem(request, 400, _("De inhoud van het verzoek is geen geldige JSON."))
    return problem(request, exc.status_code, str(TITLES.get(exc.status_code, exc.message)))


def on_edit_conflict(request, exc: EditConflict):
    return problem(
        request,
        409,
        _(
            "Iemand anders heeft dit opgeslagen nadat u het ophaalde. Haal het opnieuw op, neem "
            "over wat u wilt houden en stuur het met de nieuwe versie."
        ),
        current_version=exc.current.version,
    )


class PreconditionFailed(Exception):
    """If-Match named a version of the object that is no longer the current one."""


def on_precondition_failed(request, exc):
    return problem(
        request,
        412,
        _(
            "Het object is veranderd sinds u het ophaalde (If-Match klopt niet). Haal het "
            "opnieuw op en probeer het dan nog eens."
        ),
    )


class PreconditionRequired(Exception):
    """A change that names no version (neither If-Match nor ``version``): it could overwrite
    someone else's change unseen."""


def on_precondition_required(request, exc):
    return problem(
        request,
        428,
        _(
            "Zeg welke versie u aanpast: stuur de ETag die u bij het ophalen kreeg mee als "
            "If-Match, of stuur het veld version mee."
        ),
    )


def form_problem(request, form, field_names: dict[str, str | None]):
    """A Django form's errors (the same checks as the web pages) as a 422 problem."""
    errors = [
        {"field": field_names.get(name, name), "message": str(message)}
        for name, messages in form.errors.items()
        for message in messages
    ]
    return problem(
        request, 422, _("Verbeter de velden hieronder en probeer het opnieuw."), errors=errors
    )


def install(api) -> None:
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(EditConflict, on_edit_conflict)
    api.add_exception_handler(PreconditionFailed, on_precondition_failed)
    api.add_exception_handler(PreconditionRequired, on_precondition_required)

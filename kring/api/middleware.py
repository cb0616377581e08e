"""Under /api/ every error is problem details, also the answers Django and ninja give before
an endpoint runs or around it: an unknown address (404), a method the address does not have
(405), a request with odd bytes (400, kring.core.middleware.OddBytesMiddleware), a body too
large (413), a refusal by a middleware (403) and a server error (500). It stands first in the
middleware list, so that whatever a later layer answers passes through it; the headers the
other layers set (security, CSP, Allow) stay on the problem answer."""

from django.conf import settings
from django.utils.translation import gettext as _

from .problems import PROBLEM_TYPE, problem

API_PREFIX = "/api/"


def _detail(request, status: int) -> str:
    if status == 400:
        return getattr(request, "bad_request_reason", "") or _(
            "Dit verzoek kan Kring niet lezen. Controleer wat u stuurde."
        )
    if status == 404:
        return _("Dit adres bestaat niet in de API. Zie /api/docs.")
    if status == 405:
        return _("Dit adres kent de methode %(method)s niet.") % {"method": request.method}
    if status == 413:
        return _(
            "Het verzoek is groter dan Kring aanneemt (hoogstens %(size)s bytes). Stuur minder "
            "tegelijk."
        ) % {"size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
    if status == 403:
        return _("Uw rol of deze sleutel geeft hier geen toegang toe.")
    if status >= 500:
        return _("Er ging iets mis in Kring. Probeer het later nog een keer.")
    return _("Dit verzoek kan Kring niet afhandelen.")


def _too_large(request) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django reads no body then
    return limit is not None and length > limit


class ApiProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if _too_large(request):
            # Checked before anything reads the body (Django would refuse it with a 400).
            return problem(request, 413, _detail(request, 413))
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(PROBLEM_TYPE):
            return response
        answer = problem(request, response.status_code, _detail(request, response.status_code))
        for name, value in response.items():
            if name.lower() not in ("content-type", "content-length", "cache-control"):
                answer.setdefault(name, value)
        answer.cookies = response.cookies
        return answer

"""Under /api/ every error is problem details, also the answers Django and ninja give before
an endpoint runs: an unknown address (404), a method the address does not have (405), a
request with odd bytes (400, kring.core.middleware.OddBytesMiddleware) and a server error
(500)."""

from django.utils.translation import gettext as _

from .problems import PROBLEM_TYPE, problem

API_PREFIX = "/api/"


class ApiProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in (400, 500)
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith(PROBLEM_TYPE)
        ):
            if response.status_code == 400:
                return problem(
                    request,
                    400,
                    getattr(request, "bad_request_reason", "")
                    or _("Dit verzoek kan Kring niet lezen. Controleer wat u stuurde."),
                )
            return problem(
                request, 500, _("Er ging iets mis in Kring. Probeer het later nog een keer.")
            )
        if (
            response.status_code in (404, 405)
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith(PROBLEM_TYPE)
        ):
            if response.status_code == 404:
                return problem(request, 404, _("Dit adres bestaat niet in de API. Zie /api/docs."))
            answer = problem(
                request,
                405,
                _("Dit adres kent de methode %(method)s niet.") % {"method": request.method},
            )
            answer["Allow"] = response.get("Allow", "")
            return answer
        return response

"""Kring's REST API (django-ninja) at /api/, its OpenAPI description at /api/openapi.json and
the docs at /api/docs. Every collective endpoint is scoped to the token's collective."""

from django.utils.translation import gettext_lazy as _

from . import problems
from .core import Docs, KringAPI, TokenAuth, TokenThrottle
from .routes import assets, directory, initiatives, people

api = KringAPI(
    title="Kring API",
    version="1",
    description=str(
        _(
            "Gegevens van uw collectief voor andere programma's. Maak een sleutel onder "
            "API-sleutels bij uw collectief en stuur hem mee als ‘Authorization: Bearer …’. "
            "Fouten komen terug als problem details (RFC 9457)."
        )
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    docs=Docs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)

api.add_router("", assets.router)
api.add_router("", people.router)
api.add_router("", initiatives.router)
api.add_router("", directory.router)

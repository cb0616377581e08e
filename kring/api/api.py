"""Kring's REST API (django-ninja) at /api/, its OpenAPI description at /api/openapi.json and
the docs at /api/docs. Every collective endpoint is scoped to the token's collective."""

from django.utils.translation import gettext_lazy as _

from . import problems
from .core import Docs, JsonOnly, KringAPI, TokenAuth, TokenThrottle
from .routes import assets, directory, initiatives, municipality, people

api = KringAPI(
    title="Kring API",
    version="1",
    description=_(
        "Gegevens van uw collectief voor andere programma's. Maak een sleutel onder "
        "API-sleutels bij uw collectief en stuur hem mee als ‘Authorization: Bearer …’. "
        "Fouten komen terug als problem details (RFC 9457). "
        "Elk object dat u ophaalt komt met een ETag. Wie een object aanpast (PATCH), zegt welke "
        "versie hij aanpast: met de header ‘If-Match’ en die ETag, of met het veld ‘version’. "
        "Heeft iemand anders het intussen veranderd, dan weigert Kring de wijziging: 412 bij "
        "If-Match, 409 bij version. Haal het object dan opnieuw op. Zonder If-Match en zonder "
        "version is het antwoord 428. Zo gaat geen wijziging ongemerkt verloren."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    docs=Docs(),
    parser=JsonOnly(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
problems.install(api)
# Titles of the operations in the docs, in the reader's language (by view function name).
api.summaries = {
    "list_assets": _("Krachten van het collectief"),
    "create_asset": _("Nieuwe kracht"),
    "get_asset": _("Eén kracht"),
    "update_asset": _("Kracht aanpassen"),
    "delete_asset": _("Kracht verwijderen"),
    "list_residents": _("Bewoners (voor buurtmakers)"),
    "get_resident": _("Eén bewoner (voor buurtmakers)"),
    "list_initiatives": _("Initiatieven"),
    "get_initiative": _("Eén initiatief met zijn behoeften"),
    "list_needs": _("Behoeften onder de drie vragen"),
    "list_connections": _("Verbindingen (voor buurtmakers)"),
    "create_connection": _("Verbinding vastleggen"),
    "list_members": _("Ledenlijst van het netwerk (openbaar)"),
    "get_member": _("Eén lid van het netwerk (openbaar)"),
    "list_municipality_areas": _("Gebieden van de gemeente (gemeentesleutel)"),
    "get_municipality_figures": _("Cijfers van de gemeente (gemeentesleutel)"),
}

api.add_router("", assets.router)
api.add_router("", people.router)
api.add_router("", initiatives.router)
api.add_router("", directory.router)
api.add_router("", municipality.router)

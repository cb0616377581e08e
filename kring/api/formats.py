"""The shapes of text the API accepts, as regular expressions the OpenAPI description carries
(so clients and generated tests know them) and the server checks, each with its plain Dutch
message for a value that does not fit. They use only what JSON Schema's, Python's and
pydantic's regular expressions read alike."""

from django.utils.translation import gettext_lazy as _

# No text may hold a NUL: kring.core.middleware.OddBytesMiddleware answers 400 before any
# endpoint runs (as it does for lone surrogates, which JSON can spell as \ud800).
NO_NUL = r"^[^\x00]*$"
# Kring trims white space (what Python's str.strip takes away) from text: a required text
# needs one other character.
_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = rf"^[^\x00]*[^\x00{_SPACE}][^\x00]*$"
# A CBS buurtcode (BU + the numbers of gemeente, wijk and buurt); empty means: no buurt.
BUURT = r"^(BU[0-9]{8})?$"
GEMEENTE = r"^(GM[0-9]{4})?$"
SLUG = r"^[-a-zA-Z0-9_]+$"
# A web address with https:// or http://, a host name with a top-level domain and an optional
# path of visible ASCII characters: every such address also passes the web form's check.
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
WEB_ADDRESS = rf"^(https?://{_LABEL}(\.{_LABEL})*\.[A-Za-z]{{2,63}}([/?#][!-~]*)?)?$"

MESSAGES = {
    NO_NUL: _("Haal het nul-teken weg."),
    NOT_BLANK: _("Vul hier iets in; alleen spaties is niet genoeg."),
    BUURT: _("Vul een CBS-buurtcode in, zoals BU05990101, of laat het leeg."),
    GEMEENTE: _("Vul een CBS-gemeentecode in, zoals GM0599, of laat het leeg."),
    SLUG: _("Gebruik alleen letters, cijfers, - en _."),
    WEB_ADDRESS: _("Vul een webadres in dat begint met https://, zoals https://voorbeeld.nl."),
}

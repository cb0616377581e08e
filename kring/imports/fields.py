"""The Kring fields a file can fill, per kind of import, and the guess which column is which.

Each field has the Dutch column name the templates use, other names people give that column
(Dutch and English), whether it is required, an example value and a line of explanation for
the template's second sheet."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ImportKind


@dataclass(frozen=True)
class ImportField:
    key: str
    label: Promise
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: str = ""
    help: Promise | str = ""


CONSENT_FIELDS = [
    ImportField(
        "consent_purposes",
        _("Toestemming voor"),
        ("toestemming", "toestemmingen", "consent", "consent purposes", "purposes"),
        example="inventaris, verbinden, leden",
        help=_(
            "Waar de bewoner toestemming voor gaf, met komma's ertussen: inventaris, verbinden, "
            "leden, verhalen, fotos, nieuws. Alleen invullen als u weet wanneer en hoe de bewoner "
            "toestemming gaf."
        ),
    ),
    ImportField(
        "consent_date",
        _("Toestemming gegeven op"),
        ("toestemming datum", "datum toestemming", "consent date", "consent given", "given at"),
        example="2026-11-02",
        help=_("De datum waarop de bewoner toestemming gaf, bijvoorbeeld 2026-11-02 of 2-11-2026."),
    ),
    ImportField(
        "consent_method",
        _("Toestemming gegeven hoe"),
        ("hoe toestemming", "toestemming hoe", "consent method", "method"),
        example="papier",
        help=_("Hoe de bewoner toestemming gaf: digitaal, papier of mondeling."),
    ),
]

RESIDENT_FIELDS = [
    ImportField(
        "name",
        _("Naam"),
        ("naam bewoner", "volledige naam", "name", "full name", "bewoner", "resident"),
        required=True,
        example="Fatima Bouali",
        help=_("Voornaam en achternaam, of hoe de bewoner genoemd wil worden. Verplicht."),
    ),
    ImportField(
        "email",
        _("E-mail"),
        ("e-mailadres", "emailadres", "mail", "email address", "e-mail address"),
        example="fatima@example.nl",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "phone",
        _("Telefoon"),
        ("telefoonnummer", "tel", "mobiel", "phone", "phone number", "telephone", "mobile"),
        example="06-12345678",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "address",
        _("Adres"),
        ("straat", "straat en huisnummer", "address", "street"),
        example="Gaffelstraat 12",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "neighbourhood",
        _("Buurt"),
        ("buurtnaam", "buurtcode", "cbs code", "neighbourhood", "neighborhood"),
        example="Gaffelstraat",
        help=_("De naam van de buurt of de CBS-code (BU + 8 cijfers). Niet verplicht."),
    ),
    ImportField(
        "languages",
        _("Talen"),
        ("taal", "languages", "language"),
        example="Nederlands, Arabisch",
        help=_("Niet verplicht."),
    ),
    *CONSENT_FIELDS,
]

GIFT_FIELDS = [
    ImportField(
        "resident_name",
        _("Naam bewoner"),
        ("naam", "bewoner", "name", "resident", "resident name", "owner"),
        example="Fatima Bouali",
        help=_(
            "Van wie de gave is. Kring zoekt de bewoner op e-mail, dan telefoon, dan naam. "
            "Is de bewoner nog niet bekend, dan maakt Kring hem aan (dan is de naam verplicht)."
        ),
    ),
    ImportField(
        "resident_email",
        _("E-mail bewoner"),
        ("e-mail", "email", "e-mailadres", "mail", "resident email", "email address"),
        example="fatima@example.nl",
        help=_("Niet verplicht, maar zo vindt Kring de juiste bewoner."),
    ),
    ImportField(
        "resident_phone",
        _("Telefoon bewoner"),
        ("telefoon", "telefoonnummer", "phone", "resident phone", "mobile"),
        example="06-12345678",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "gift_kind",
        _("Hoofd, handen of hart"),
        ("soort gave", "soort", "hoofd handen hart", "kind", "gift kind", "type"),
        required=True,
        example="handen",
        help=_(
            "hoofd (wat iemand weet), handen (wat iemand kan) of hart (wat iemand belangrijk "
            "vindt). Verplicht."
        ),
    ),
    ImportField(
        "title",
        _("Gave"),
        ("wat is de gave", "titel", "omschrijving kort", "title", "gift", "skill"),
        required=True,
        example="fietsen repareren",
        help=_("Kort, bijvoorbeeld: fietsen repareren, spreekt Arabisch. Verplicht."),
    ),
    ImportField(
        "description",
        _("Toelichting"),
        ("beschrijving", "omschrijving", "description", "details", "notes"),
        example="Heeft een eigen werkplaats in de schuur.",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "availability",
        _("Beschikbaar"),
        ("beschikbaarheid", "wanneer", "availability", "available"),
        example="nu",
        help=_("nu, soms, vragen of niet_nu. Leeg is: kan nu meedoen."),
    ),
    ImportField(
        "tags",
        _("Labels"),
        ("label", "trefwoorden", "tags", "keywords"),
        example="fietsen, techniek",
        help=_("Woorden om op te zoeken, met komma's ertussen. Niet verplicht."),
    ),
    ImportField(
        "visibility",
        _("Wie mag dit zien"),
        ("zichtbaarheid", "zichtbaar voor", "visibility", "visible to"),
        example="leden",
        help=_(
            "buurtmakers of leden. Leeg: leden als de bewoner daar toestemming voor gaf, anders "
            "alleen de buurtmakers. Een gave is nooit openbaar."
        ),
    ),
    ImportField(
        "neighbourhood",
        _("Buurt bewoner"),
        ("buurt", "buurtcode", "neighbourhood", "neighborhood"),
        example="Gaffelstraat",
        help=_("Alleen voor een nieuwe bewoner: de naam van de buurt of de CBS-code."),
    ),
    *CONSENT_FIELDS,
]

ASSET_FIELDS = [
    ImportField(
        "category",
        _("Soort"),
        ("categorie", "soort bron", "category", "kind", "type"),
        required=True,
        example="plek",
        help=_(
            "groep (of vereniging), instelling, plek, economie of verhaal. Gaven van bewoners "
            "importeert u met het sjabloon voor gaven. Verplicht."
        ),
    ),
    ImportField(
        "title",
        _("Naam"),
        ("titel", "naam bron", "title", "name"),
        required=True,
        example="Buurthuis De Gaffel",
        help=_("Verplicht."),
    ),
    ImportField(
        "description",
        _("Toelichting"),
        ("beschrijving", "omschrijving", "verhaal", "description", "details", "story"),
        example="Open huiskamer met koffie en een werkplaats.",
        help=_("Bij een verhaal verplicht."),
    ),
    ImportField(
        "institution_type",
        _("Soort instelling"),
        ("type instelling", "institution type"),
        example="",
        help=_(
            "Alleen bij een instelling, en dan verplicht: school, bibliotheek, "
            "woningcorporatie, welzijn, zorg, gemeente, geloof, veiligheid of anders."
        ),
    ),
    ImportField(
        "contact",
        _("Contact"),
        ("contactpersoon", "contactgegevens", "contact person"),
        example="Kees, 010-1234567",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "website",
        _("Website"),
        ("site", "url", "web", "internet"),
        example="https://degaffel.example.nl",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "address",
        _("Adres"),
        ("straat", "address", "street"),
        example="Gaffelstraat 1",
        help=_("Niet verplicht."),
    ),
    ImportField(
        "latitude",
        _("Breedtegraad"),
        ("lat", "latitude", "breedte"),
        example="51.9170",
        help=_("Niet verplicht; met punt of komma, bijvoorbeeld 51.9170. Samen met lengtegraad."),
    ),
    ImportField(
        "longitude",
        _("Lengtegraad"),
        ("lon", "lng", "longitude", "lengte"),
        example="4.4640",
        help=_("Niet verplicht; bijvoorbeeld 4.4640. Samen met breedtegraad."),
    ),
    ImportField(
        "neighbourhood",
        _("Buurt"),
        ("buurtnaam", "buurtcode", "cbs code", "neighbourhood", "neighborhood"),
        example="Gaffelstraat",
        help=_(
            "De naam van de buurt of de CBS-code. Leeg met een breedte- en lengtegraad: Kring "
            "zoekt de buurt bij het punt."
        ),
    ),
    ImportField(
        "visibility",
        _("Wie mag dit zien"),
        ("zichtbaarheid", "zichtbaar voor", "visibility", "visible to"),
        example="leden",
        help=_("buurtmakers, leden of openbaar. Leeg is: leden."),
    ),
    ImportField(
        "opening_hours",
        _("Openingstijden"),
        ("open", "opening hours"),
        example="ma-vr 9-17",
        help=_("Alleen bij een plek. Niet verplicht."),
    ),
    ImportField(
        "accessibility",
        _("Toegankelijkheid"),
        ("toegankelijk", "accessibility"),
        example="rolstoeltoegankelijk",
        help=_("Alleen bij een plek. Niet verplicht."),
    ),
    ImportField(
        "tags",
        _("Labels"),
        ("label", "trefwoorden", "tags", "keywords"),
        example="koffie, ontmoeten",
        help=_("Woorden om op te zoeken, met komma's ertussen. Niet verplicht."),
    ),
]

FIELDS: dict[str, list[ImportField]] = {
    ImportKind.RESIDENTS: RESIDENT_FIELDS,
    ImportKind.GIFTS: GIFT_FIELDS,
    ImportKind.ASSETS: ASSET_FIELDS,
}


def fields_for(kind: str) -> list[ImportField]:
    return FIELDS[kind]


def normalise(text: str) -> str:
    """'E-mail adres ' -> 'emailadres': lower case, accents and everything but letters and
    digits gone, so 'Telefoon-nummer', 'telefoonnummer' and 'TELEFOONNUMMER' are the same."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", plain.lower())


def guess_mapping(kind: str, header: list[str]) -> dict[str, int]:
    """Kring field key -> column number, for the columns whose name is one of the field's
    names. The field's own Dutch name wins over aliases; each column is used once."""
    columns = {}
    for index, name in enumerate(header):
        columns.setdefault(normalise(name), index)
    mapping: dict[str, int] = {}
    used: set[int] = set()
    fields = fields_for(kind)
    for pass_ in ("label", "alias"):
        for f in fields:
            if f.key in mapping:
                continue
            names = [str(f.label), dutch_label(f), f.key] if pass_ == "label" else f.aliases
            for name in names:
                index = columns.get(normalise(name))
                if index is not None and index not in used:
                    mapping[f.key] = index
                    used.add(index)
                    break
    return mapping


def dutch_label(f: ImportField) -> str:
    """The column name of the templates, which are Dutch whatever language the user reads."""
    with translation.override("nl"):
        return str(f.label)

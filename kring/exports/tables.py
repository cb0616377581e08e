"""CSV and XLSX of assets and residents: Dutch headers, safe for spreadsheets.

A cell that starts with = + - @ (or a tab or carriage return) could run as a formula when the
file is opened in Excel or LibreOffice; such cells get a leading apostrophe (OWASP's advice)."""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def asset_table(assets) -> tuple[list[str], Iterable[list]]:
    headers = [
        _("Nummer"),
        _("Soort"),
        _("Naam"),
        _("Toelichting"),
        _("Bewoner"),
        _("Verteld door"),
        _("Hoofd, handen of hart"),
        _("Beschikbaar"),
        _("Soort instelling"),
        _("Contact"),
        _("Website"),
        _("Adres"),
        _("Buurt"),
        _("CBS-buurtcode"),
        _("Breedtegraad"),
        _("Lengtegraad"),
        _("Openingstijden"),
        _("Toegankelijkheid"),
        _("Labels"),
        _("Wie mag dit zien"),
        _("Herkomst"),
        _("Ingevoerd op"),
    ]

    def rows():
        for a in assets:
            yield [
                a.pk,
                a.get_category_display(),
                a.title,
                a.description,
                a.resident.name if a.resident_id else "",
                ", ".join(r.name for r in getattr(a, "teller_list", ())),
                a.get_gift_kind_display() if a.gift_kind else "",
                a.get_availability_display() if a.availability else "",
                a.get_institution_type_display() if a.institution_type else "",
                a.contact,
                a.website,
                a.address,
                a.neighbourhood.name if a.neighbourhood_id else "",
                a.neighbourhood.code if a.neighbourhood_id else "",
                a.latitude,
                a.longitude,
                a.opening_hours,
                a.accessibility,
                ", ".join(t.name for t in a.tags.all()),
                a.get_visibility_display(),
                a.get_source_display(),
                timezone.localtime(a.created_at).strftime("%Y-%m-%d %H:%M"),
            ]

    return headers, rows()


def resident_table(residents) -> tuple[list[str], Iterable[list]]:
    headers = [
        _("Nummer"),
        _("Naam"),
        _("E-mailadres"),
        _("Telefoon"),
        _("Adres"),
        _("Buurt"),
        _("CBS-buurtcode"),
        _("Talen"),
        _("Toestemmingen"),
        _("Herkomst"),
        _("Ingevoerd op"),
    ]

    def rows():
        for r in residents:
            yield [
                r.pk,
                r.name,
                r.email,
                r.phone,
                r.address,
                r.neighbourhood.name if r.neighbourhood_id else "",
                r.neighbourhood.code if r.neighbourhood_id else "",
                r.languages,
                ", ".join(str(c.get_purpose_display()) for c in r.consents.all()),
                r.get_source_display(),
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            ]

    return headers, rows()


def to_csv(headers: list[str], rows: Iterable[list]) -> bytes:
    """UTF-8 with a byte order mark, so Excel reads accents right; semicolons, as Dutch Excel
    expects them."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value):
    # Numbers stay numbers; every text is neutralised and stored as text, never as a formula.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return neutralise(value)


def to_xlsx(headers: list[str], rows: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([neutralise(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

"""Template files to download per kind: the header row with Kring's column names and one example
row; the XLSX has a second sheet that explains every column in Dutch."""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _

from kring.communities.selectors import neighbourhoods_of

from .fields import dutch_label, fields_for
from .models import ImportKind

FILE_NAMES = {
    ImportKind.RESIDENTS: "kring-bewoners",
    ImportKind.GIFTS: "kring-gaven",
    ImportKind.ASSETS: "kring-bronnen",
}


def _example(kind: str, collective) -> list[str]:
    buurt = neighbourhoods_of(collective).values_list("name", flat=True).first() or ""
    return [buurt if f.key == "neighbourhood" else f.example for f in fields_for(kind)]


def template_csv(kind: str, collective) -> bytes:
    out = io.StringIO()
    # Semicolons and a BOM: Dutch Excel opens it in columns, with accents intact.
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([dutch_label(f) for f in fields_for(kind)])
    writer.writerow(_example(kind, collective))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(kind: str, collective) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    with translation.override("nl"):
        sheet.title = _("Gegevens")
        fields = fields_for(kind)
        sheet.append([dutch_label(f) for f in fields])
        sheet.append(_example(kind, collective))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, f in enumerate(fields, start=1):
            sheet.column_dimensions[cell_letter(column)].width = max(14, len(dutch_label(f)) + 4)
        sheet.freeze_panes = "A2"
        explanation = workbook.create_sheet(_("Uitleg"))
        explanation.append([_("Kolom"), _("Verplicht"), _("Wat vult u in")])
        for cell in explanation[1]:
            cell.font = Font(bold=True)
        for f in fields:
            explanation.append([dutch_label(f), _("ja") if f.required else _("nee"), str(f.help)])
        explanation.append([])
        explanation.append(
            [
                _(
                    "Zet uw gegevens op het eerste blad, één rij per regel, onder de kolomnamen. "
                    "Vervang of wis de voorbeeldrij. Kring controleert elke rij en slaat niets "
                    "op zolang er een fout in staat."
                )
            ]
        )
        explanation.column_dimensions["A"].width = 28
        explanation.column_dimensions["B"].width = 10
        explanation.column_dimensions["C"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def cell_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)

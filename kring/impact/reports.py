"""The council report: PDF (WeasyPrint), XLSX (openpyxl) and CSV, all from one ``dashboard``
build, so the three carry the same figures as the page."""

import csv
import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .aggregates import YEAR

LEVELS = {"gemeente": "gemeente", "wijk": "wijk", "buurt": "buurt", "collectief": "collectief"}


def figure_rows(context) -> list[list]:
    """One row per indicator × area × period: what the gemeente is shown, nothing else.
    Tens of thousands of rows: labels are translated once, not once a row."""
    figures = context["figures"]
    year_label = _("jaar")
    times = [(YEAR, year_label), *((m, m) for m in range(1, 13))]
    rows = []
    for ind in figures.indicators:
        label = str(ind.label)
        for area in figures.areas:
            head = [ind.key, label, area.level, area.label, area.code, figures.year]
            for time, shown_time in times:
                f = figures.get(ind.key, area.key, time)
                rows.append([*head, shown_time, f.value if f.shown else f.display])
    return rows


def header() -> list[str]:
    return [
        _("code cijfer"),
        _("cijfer"),
        _("niveau"),
        _("gebied"),
        _("CBS-code"),
        _("jaar"),
        _("maand"),
        _("aantal"),
    ]


def value_rows(context) -> list[list]:
    def amount(value) -> str:
        return str(value) if value is not None else ""

    rows = [
        [
            str(v.proxy.localized.label),
            v.proxy.localized.unit,
            v.proxy.localized.counted_as,
            v.count_display,
            amount(v.proxy.low),
            amount(v.proxy.value),
            amount(v.proxy.high),
            str(v.proxy.deadweight),
            str(v.proxy.attribution),
            amount(v.low),
            amount(v.euros),
            amount(v.high),
            v.proxy.source_title,
            v.proxy.publisher,
            v.proxy.year or "",
            v.proxy.localized.table_or_page,
            v.proxy.source_url,
            v.proxy.localized.range_note,
            v.proxy.localized.licence_note,
        ]
        for v in context["values"]
    ]
    summary = context["value_summary"]
    rows.append([summary.headline])
    return rows


def value_header() -> list[str]:
    return [
        _("uitkomst"),
        _("eenheid"),
        _("wat Kring telt"),
        _("aantal"),
        _("euro per eenheid, laag"),
        _("euro per eenheid, midden"),
        _("euro per eenheid, hoog"),
        _("deadweight"),
        _("attributie"),
        _("waarde in euro, laag"),
        _("waarde in euro, midden"),
        _("waarde in euro, hoog"),
        _("bron"),
        _("uitgever"),
        _("jaar bron"),
        _("tabel of pagina"),
        _("link"),
        _("toelichting op het bedrag"),
        _("licentie"),
    ]


def as_csv(context) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header())
    writer.writerows(figure_rows(context))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(context) -> bytes:
    from openpyxl import Workbook

    # Write-only: rows stream to the file, several times faster for tens of thousands of rows.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Cijfers")[:31])
    sheet.append(header())
    for row in figure_rows(context):
        sheet.append(row)
    values = book.create_sheet(_("Maatschappelijke waarde")[:31])
    values.append(value_header())
    for row in value_rows(context):
        values.append(row)
    about = book.create_sheet(_("Toelichting")[:31])
    about.append(
        [
            _(
                "Aantallen onder de %(n)s staan er als <%(n)s; × is verborgen om een klein "
                "aantal te beschermen. Getoonde aantallen zijn afgerond op %(r)s."
            )
            % {"n": context["threshold"], "r": context["rounding"]}
        ]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_pdf(context, stories) -> bytes:
    from weasyprint import HTML

    html = render_to_string("impact/report_print.html", {**context, "stories": stories})
    return HTML(string=html).write_pdf()

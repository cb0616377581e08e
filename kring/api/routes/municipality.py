"""A gemeente's figures for a municipality token: exactly what the impact dashboard shows,
read through ``kring.impact.aggregates.municipality_figures`` only (sharing and small-count
suppression applied there). Suppressed values are null with ``suppressed: true`` and the
display text ("<10" or "×"); shown values are the rounded counts. No resident data exists here."""

from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from kring.impact import socialvalue
from kring.impact.aggregates import YEAR, Figure, Figures, municipality_figures
from kring.impact.forms import year_choices

from ..core import municipality_user_of
from . import ERRORS

router = Router(tags=["gemeente"])

AREA_PATTERN = r"^(G|[WBC]:\d{1,10})$"


class AreaOut(Schema):
    key: str
    label: str
    level: str
    code: str
    parent: str


class IndicatorOut(Schema):
    key: str
    label: str
    group: str
    unit: str


class FigureOut(Schema):
    value: int | None
    display: str
    suppressed: bool


class RowOut(Schema):
    indicator: str
    year: FigureOut
    months: list[FigureOut]
    compare: FigureOut | None


class ValueOut(Schema):
    outcome: str
    label: str
    unit: str
    count: int | None
    count_display: str
    value_per_unit: Decimal | None
    deadweight: Decimal
    attribution: Decimal
    source_title: str
    source_url: str
    euros: Decimal | None
    reason: str
    value_low: Decimal | None = None
    value_high: Decimal | None = None
    euros_low: Decimal | None = None
    euros_high: Decimal | None = None
    publisher: str = ""
    source_year: int | None = None
    table_or_page: str = ""
    label_en: str = Field("", description="De omschrijving in het Engels; leeg als die er niet is")
    unit_en: str = Field("", description="De eenheid in het Engels; leeg als die er niet is")


class FiguresOut(Schema):
    municipality: str
    municipality_code: str
    year: int
    compare: int | None
    threshold: int
    rounding: int
    area: AreaOut
    indicators: list[IndicatorOut]
    figures: list[RowOut]
    social_value: list[ValueOut]
    social_value_total: Decimal
    social_value_low: Decimal
    social_value_high: Decimal
    social_value_summary: str


class AreasOut(Schema):
    year: int
    areas: list[AreaOut]


def _year(value: int | None) -> int:
    choices = year_choices()
    if value is None:
        return choices[0]
    if value not in choices:
        raise Http404
    return value


def _figure(figure: Figure) -> dict:
    return {"value": figure.value, "display": figure.display, "suppressed": not figure.shown}


def _area(area) -> dict:
    return {
        "key": area.key,
        "label": area.label,
        "level": area.level,
        "code": area.code,
        "parent": area.parent,
    }


def _find_area(figures: Figures, key: str):
    area = next((a for a in figures.areas if a.key == key), None)
    if area is None:
        raise Http404
    return area


YEAR_PARAM = Query(None, ge=1900, le=2200, description="Jaar (standaard: dit jaar)")


@router.get(
    "/municipality/areas", response={200: AreasOut, 304: None, **ERRORS}, url_name="m_areas"
)
def list_municipality_areas(request: HttpRequest, year: int | None = YEAR_PARAM):
    """The gemeente, its wijken and buurten, and the collectives that share figures with it."""
    figures = municipality_figures(user=municipality_user_of(request), year=_year(year))
    return {"year": figures.year, "areas": [_area(a) for a in figures.areas]}


@router.get(
    "/municipality/figures", response={200: FiguresOut, 304: None, **ERRORS}, url_name="m_figures"
)
def get_municipality_figures(
    request: HttpRequest,
    year: int | None = YEAR_PARAM,
    compare: int | None = Query(None, ge=1900, le=2200, description="Vergelijken met dit jaar"),
    area: str = Query(
        "G", max_length=14, pattern=AREA_PATTERN, description="G, W:<id>, B:<id>, C:<id>"
    ),
):
    """Every figure of one area for one year (and the months), as on the dashboard."""
    user = municipality_user_of(request)
    year = _year(year)
    compare = _year(compare) if compare is not None else None
    if compare == year:
        compare = None
    figures = municipality_figures(user=user, year=year)
    before = municipality_figures(user=user, year=compare) if compare else None
    chosen = _find_area(figures, area)
    if before is not None and not any(a.key == chosen.key for a in before.areas):
        before = None  # the area did not share that year: nothing to compare
    rows = [
        {
            "indicator": ind.key,
            "year": _figure(figures.get(ind.key, chosen.key, YEAR)),
            "months": [_figure(f) for f in figures.series(ind.key, chosen.key)],
            "compare": _figure(before.get(ind.key, chosen.key, YEAR)) if before else None,
        }
        for ind in figures.indicators
    ]
    values = socialvalue.social_values(figures, chosen.key)
    summary = socialvalue.summary(values)
    return {
        "municipality": str(figures.municipality.name),
        "municipality_code": figures.municipality.code,
        "year": figures.year,
        "compare": compare,
        "threshold": figures.threshold,
        "rounding": figures.rounding,
        "area": _area(chosen),
        "indicators": [
            {"key": i.key, "label": str(i.label), "group": str(i.group), "unit": str(i.unit)}
            for i in figures.indicators
        ],
        "figures": rows,
        "social_value": [
            {
                "outcome": v.proxy.outcome,
                "label": v.proxy.label,
                "unit": v.proxy.unit,
                "count": v.count,
                "count_display": v.count_display,
                "value_per_unit": v.proxy.value,
                "deadweight": v.proxy.deadweight,
                "attribution": v.proxy.attribution,
                "source_title": v.proxy.source_title,
                "source_url": v.proxy.source_url,
                "euros": v.euros,
                "reason": v.reason,
                "value_low": v.proxy.low,
                "value_high": v.proxy.high,
                "euros_low": v.low,
                "euros_high": v.high,
                "publisher": v.proxy.publisher,
                "source_year": v.proxy.year,
                "table_or_page": v.proxy.table_or_page,
                "label_en": v.proxy.label_en,
                "unit_en": v.proxy.unit_en,
            }
            for v in values
        ],
        "social_value_total": summary.central,
        "social_value_low": summary.low,
        "social_value_high": summary.high,
        # Says in words which outcomes are left out because their numbers are too small.
        "social_value_summary": summary.headline,
    }

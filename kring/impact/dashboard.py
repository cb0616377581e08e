"""What the municipality dashboard and the report show, built once from the aggregation
module so that page, PDF, XLSX and CSV carry the very same figures."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import charts, selectors, socialvalue
from .aggregates import YEAR, Figures, municipality_figures


@dataclass
class Row:
    indicator: object
    total: object
    compare: object | None
    difference: str
    target: int | None
    progress: int | None  # percent of the target reached, from the shown total


def _difference(now, before) -> str:
    if before is None or not (now.shown and before.shown):
        return ""
    diff = now.value - before.value
    return f"{diff:+d}"


def build(
    *, user, year: int, compare: int | None, indicator: str = "residents", area: str = "G"
) -> dict:
    figures = municipality_figures(user=user, year=year)
    before = municipality_figures(user=user, year=compare) if compare else None
    if figures.indicator(indicator) is None:
        indicator = "residents"
    chosen = next((a for a in figures.areas if a.key == area), figures.areas[0])
    targets = selectors.targets_of(user, year)
    rows = []
    for ind in figures.indicators:
        total = figures.get(ind.key)
        old = before.get(ind.key) if before else None
        target = targets.get(ind.key)
        progress = round(100 * total.value / target) if target and total.shown else None
        rows.append(Row(ind, total, old, _difference(total, old), target, progress))
    main = [figures.indicator(k) for k in selectors.MAIN]
    chart_list = []
    for n, ind in enumerate(main):
        series = figures.series(ind.key, chosen.key)
        old = before.series(ind.key, chosen.key) if before else None
        chart_list.append(
            {
                "indicator": ind,
                "svg": mark_safe(charts.bar_chart(str(ind.label), series, old, uid=f"ch{n}")),
                "series": series,
                "compare": old,
            }
        )
    values = socialvalue.social_values(figures)
    value_summary = socialvalue.summary(values)
    return {
        "figures": figures,
        "before": before,
        "year": year,
        "compare": compare,
        "rows": rows,
        "charts": chart_list,
        "legend": mark_safe(charts.legend_svg("lg", year, compare)),
        "months": [_(m) for m in charts.MONTHS],
        "main": main,
        "wijken": _areas(figures, "wijk", main),
        "buurten": _areas(figures, "buurt", main),
        "per_collective": _areas(figures, "collectief", main),
        "map_indicator": figures.indicator(indicator),
        "area": chosen,
        "map_rows": [(a, figures.get(indicator, a.key, YEAR)) for a in figures.areas_at("buurt")],
        "values": values,
        "value_total": value_summary.central,
        "value_summary": value_summary,
        "value_terms": value_summary.counted,
        "threshold": figures.threshold,
        "rounding": figures.rounding,
        "tiles": getattr(settings, "KRING_MAP_TILES_URL", ""),
    }


def _areas(figures: Figures, level: str, main) -> list:
    return [
        (area, [figures.get(ind.key, area.key, YEAR) for ind in main])
        for area in figures.areas_at(level)
    ]

"""What the municipality dashboard and the report show, built once from the aggregation
module so that page, PDF, XLSX and CSV carry the very same figures."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kring.geo.models import District
from kring.initiatives.models import PublicTask

from . import charts, narrative, pictures, selectors, socialvalue
from .aggregates import YEAR, Figure, Figures, municipality_figures
from .models import ShareGroup
from .suppression import SHOWN


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
    *,
    user,
    year: int,
    compare: int | None,
    indicator: str = "residents",
    area: str = "G",
    figures_of=None,
) -> dict:
    """``figures_of(year)`` gives the figures of a year (the dashboard: the kept ones, None
    for a comparison year not made yet); made now when not given (the report)."""
    if figures_of is None:
        figures_of = lambda y: municipality_figures(user=user, year=y)  # noqa: E731
    figures = figures_of(year)
    before = figures_of(compare) if compare else None
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
    trends = _trends(figures, before, chosen.key, year, compare)
    map_indicator = figures.indicator(indicator)
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
        "map_indicator": map_indicator,
        "trends": trends,
        "few_tasks": _few_tasks(figures, chosen.key),
        "wijk_map": _wijk_map(figures, map_indicator),
        "map_legend": mark_safe(pictures.legend("wl", figures.threshold)),
        "value_picture": mark_safe(
            pictures.range_chart(value_summary, uid="sv", euro=socialvalue.euro)
        )
        if value_summary.has_amount
        else "",
        "groups": _grouped_rows(rows),
        "narrative": narrative.sentences(figures),
        "sources": [v.proxy for v in values if v.proxy.source_title and v.proxy.value is not None],
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


_ZERO = Figure(0, SHOWN)


def _trends(figures: Figures, before, area: str, year: int, compare: int | None) -> list[dict]:
    """The trend lines the page leads with: the main figures, then initiatives per opgave."""
    keys = [k for k in selectors.TRENDS if figures.indicator(k)]
    # An opgave gets a picture of its own when its year's count shows: one with fewer
    # initiatives than the threshold would be a line of hidden months (see _few_tasks).
    keys += [
        i.key
        for i in figures.indicators
        if i.key.startswith("task_")
        and figures.get(i.key, area, YEAR).shown
        and figures.get(i.key, area, YEAR) != _ZERO
    ]
    months = [_(m) for m in charts.MONTHS]
    out = []
    for n, key in enumerate(keys):
        ind = figures.indicator(key)
        series = figures.series(key, area)
        old = before.series(key, area) if before else None
        years = [year, compare] if compare else [year]
        out.append(
            {
                "indicator": ind,
                "total": figures.get(key, area, YEAR),
                "compare_total": before.get(key, area, YEAR) if before else None,
                "svg": mark_safe(
                    pictures.line_chart(str(ind.label), series, old, uid=f"tr{n}", years=years)
                ),
                "series": series,
                "compare": old,
                "rows": [
                    (month, f, old[m] if old else None)
                    for m, (month, f) in enumerate(zip(months, series, strict=True))
                ],
            }
        )
    return out


def _few_tasks(figures: Figures, area: str) -> list[str]:
    """The opgaven with new initiatives this year, but too few to show per month."""
    hidden = [
        int(i.key.removeprefix("task_"))
        for i in figures.indicators
        if i.key.startswith("task_") and not figures.get(i.key, area, YEAR).shown
    ]
    return [
        task.localized.name
        for task in PublicTask.objects.filter(pk__in=hidden).order_by("position", "name")
    ]


def _wijk_map(figures: Figures, indicator) -> dict:
    """Per wijk: the shown figure of one indicator and its map class, with the boundary."""
    wijken = list(
        District.objects.filter(municipality=figures.municipality)
        .only("pk", "name", "boundary")
        .order_by("name")
    )
    geometries = pictures.wijk_geometries(wijken)
    rows, areas = [], []
    for wijk in wijken:
        figure = figures.get(indicator.key, f"W:{wijk.pk}", YEAR)
        rows.append((wijk, figure))
        if wijk.pk in geometries:
            areas.append(
                {
                    "name": wijk.name,
                    "geometry": geometries[wijk.pk],
                    "display": figure.display,
                    "class": selectors.map_class(figure),
                }
            )
    title = _("Kaart: %(label)s per wijk") % {"label": indicator.label}
    return {
        "svg": mark_safe(pictures.area_map(title, areas, uid="wm")),
        "rows": rows,
        "drawn": len(areas),
    }


def _grouped_rows(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """The long table, one part per share group, in the order of the groups."""
    labels = dict(ShareGroup.choices)
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.indicator.group, []).append(row)
    return [(str(labels.get(g, g)), groups[g]) for g in ShareGroup.values if g in groups]

"""The pictures are drawn on the server: the trend line carries every shown month as a point
with its number, a hidden month is a gap with its mark, and there is no script or style."""

import re

import pytest
from django.urls import reverse

from kring.impact import pictures, socialvalue
from kring.impact.aggregates import Figure
from kring.impact.suppression import HIDDEN, SHOWN, SMALL
from kring.initiatives.models import PublicTask

from .world import YEAR, add_a_year, make_world


def _series(values):
    out = []
    for v in values:
        if v == "<":
            out.append(Figure(None, SMALL))
        elif v == "x":
            out.append(Figure(None, HIDDEN))
        else:
            out.append(Figure(v, SHOWN))
    return out


def test_the_trend_line_has_a_point_for_every_shown_month():
    series = _series([10, 20, 30, "<", 50, 60, "x", 80, 90, 100, 110, 120])
    svg = pictures.line_chart("Bewoners", series, uid="t1", years=[2025])
    points = re.findall(r'data-month="(\d+)" data-value="(\d+)"', svg)
    assert points == [
        (str(m), str(v))
        for m, v in enumerate([10, 20, 30, None, 50, 60, None, 80, 90, 100, 110, 120], start=1)
        if v is not None
    ]
    # The hidden months break the line: three pieces, and their marks are written out.
    assert svg.count("<polyline") == 3
    assert ">&lt;10<" in svg and ">×<" in svg
    assert '<title id="t1-t">Bewoners</title>' in svg and "<desc" in svg
    assert 'viewBox="0 0 480' in svg and "<script" not in svg and " style=" not in svg
    assert "Hoogste maand: dec (120)" in svg


def test_the_comparison_year_is_dashed_with_square_points():
    now = _series([5] * 12)
    before = _series([3] * 12)
    svg = pictures.line_chart("Uren", now, before, uid="t2", years=[2025, 2024])
    assert 'stroke-dasharray="5 3"' in svg and svg.count("<rect") >= 12
    assert ">2024<" in svg and ">2025<" in svg


@pytest.mark.django_db
def test_the_dashboard_leads_with_trends_a_wijk_map_and_the_range(client, official, municipality):
    made = make_world(municipality)
    add_a_year(made)
    client.force_login(official)
    response = client.get(reverse("impact:dashboard"), {"year": YEAR})
    page = response.content.decode()
    assert page.index('id="beeld"') < page.index('id="kaart"') < page.index('id="waarde"')
    assert page.index('id="waarde"') < page.index('id="alle-cijfers"')
    trends = response.context["trends"]
    keys = [t["indicator"].key for t in trends]
    assert keys[:6] == [
        "residents",
        "gifts_used",
        "connections",
        "bridging",
        "first_connections",
        "hours",
    ]
    # An opgave whose year shows gets its own line; one with too few initiatives to show is
    # named in a sentence instead of a line of hidden months.
    figures = response.context["figures"]
    tasks = [i for i in figures.indicators if i.key.startswith("task_")]
    assert tasks
    for task in tasks:
        year = figures.get(task.key)
        if year.shown and year.value:
            assert task.key in keys
        elif not year.shown:
            assert task.key not in keys
            name = PublicTask.objects.get(pk=int(task.key.removeprefix("task_"))).name
            assert name in response.context["few_tasks"] and name in page
    residents = response.context["figures"].series("residents")
    shown = [(m + 1, f.value) for m, f in enumerate(residents) if f.shown]
    for month, value in shown:
        assert f'data-month="{month}" data-value="{value}"' in trends[0]["svg"]
    # Both wijken are drawn, each with its figure written on it.
    wijk_map = response.context["wijk_map"]
    assert wijk_map["drawn"] == 2
    for wijk, figure in wijk_map["rows"]:
        assert f"{wijk.name}: {figure.display}" in wijk_map["svg"]
    summary = response.context["value_summary"]
    assert summary.headline in page and socialvalue.euro(summary.high) in page
    assert 'id="bronnen"' in page and "Hoe berekend en bronnen" in page
    # The long table is grouped and folded.
    assert page.count('<details class="impact-group">') >= 5

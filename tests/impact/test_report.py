"""Page 1 of the council report tells the year in plain Dutch, with one picture and the social
value as a range with its sources; a hidden number is never named there."""

import io
import os
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kring.impact import dashboard, narrative, reports
from kring.impact.aggregates import Figure
from kring.impact.suppression import HIDDEN, SHOWN, SMALL

from .. import factories
from .world import YEAR, add_a_year, make_world


@pytest.fixture
def year_context(municipality):
    made = make_world(municipality)
    add_a_year(made)
    official = factories.UserFactory(municipality=municipality)
    return dashboard.build(user=official, year=YEAR, compare=YEAR - 1)


@pytest.mark.django_db
def test_page_one_tells_the_year_with_the_range_and_its_sources(year_context):
    figures = year_context["figures"]
    residents = figures.get("residents")
    assert residents.shown
    story = " ".join(year_context["narrative"])
    assert (
        f"In {YEAR} deden in {figures.municipality.name} {residents.value} nieuwe bewoners" in story
    )
    summary = year_context["value_summary"]
    assert summary.has_amount and "tussen €" in summary.headline
    pdf = reports.as_pdf(year_context, [])
    if os.environ.get("KRING_REPORT_OUT"):
        with open(os.environ["KRING_REPORT_OUT"], "wb") as out:
            out.write(pdf)
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    flat = " ".join(first.split())
    assert f"{residents.value} nieuwe bewoners" in flat
    assert "tussen €" in flat and "Ecorys" in flat and "https://" in flat
    assert "€ 0" not in flat


@pytest.mark.parametrize(
    ("status", "expected"),
    [(SHOWN, "240"), (SMALL, "minder dan 10"), (HIDDEN, None)],
)
def test_a_small_number_is_less_than_ten_and_a_hidden_one_is_not_named(status, expected):
    figure = Figure(240 if status == SHOWN else None, status)
    assert narrative.say(figure) == expected


@pytest.mark.django_db
def test_without_a_number_the_sentence_goes_on_without_it(municipality):
    from kring.impact.aggregates import municipality_figures
    from kring.impact.models import SharingChoice

    collective = factories.CollectiveFactory(municipality=municipality)
    SharingChoice.objects.create(
        collective=collective, municipality=municipality, groups=["deelname"]
    )
    for _ in range(3):
        factories.ResidentFactory(collective=collective)
    official = factories.UserFactory(municipality=municipality)
    from django.utils import timezone

    figures = municipality_figures(user=official, year=timezone.localdate().year)
    story = " ".join(narrative.sentences(figures))
    assert "minder dan 10 nieuwe bewoners" in story
    assert " 3 " not in story and " 0 nieuwe" not in story


@pytest.mark.django_db
def test_the_workbook_carries_the_range_and_the_sources(year_context):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(reports.as_xlsx(year_context)))
    rows = list(book.worksheets[1].iter_rows(values_only=True))
    header = rows[0]
    assert "waarde in euro, laag" in header and "waarde in euro, hoog" in header
    hours = next(r for r in rows if r[0] == "Uur vrijwillige hulp")
    low, high = (
        Decimal(hours[header.index("waarde in euro, laag")]),
        Decimal(hours[header.index("waarde in euro, hoog")]),
    )
    assert 0 < low < high
    assert hours[header.index("uitgever")].startswith("Sociale Verzekeringsbank")
    assert rows[-1][0] == year_context["value_summary"].headline

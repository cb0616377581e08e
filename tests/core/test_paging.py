"""kring.core.paging.Paginator gives the pages Django's gives, counting only for a full page."""

import pytest
from django.core import paginator as django_paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kring.core.paging import Paginator
from kring.geo.models import Neighbourhood

from .. import factories

NUMBERS = [None, "", "x", "1.5", 1.0, "0", "-1", 0, 1, "1", 2, "2", 3, 4, 5, 99]


def pages(make, rows, per_page, number):
    page = make(rows, per_page).get_page(number)
    return (
        list(page.object_list),
        page.number,
        page.paginator.count,
        page.paginator.num_pages,
        page.has_next(),
        page.has_previous(),
        page.start_index(),
        page.end_index(),
    )


@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 20, 25, 30])
def test_the_same_pages_as_django(size):
    rows = list(range(size))
    for number in NUMBERS:
        assert pages(Paginator, rows, 10, number) == pages(
            django_paginator.Paginator, rows, 10, number
        ), (size, number)


@pytest.fixture
def buurten(municipality):
    district = factories.DistrictFactory(municipality=municipality)
    factories.NeighbourhoodFactory.create_batch(25, district=district)
    return Neighbourhood.objects.filter(district=district).order_by("pk")


@pytest.mark.django_db
def test_a_querysets_page_and_count_are_one_query(buurten):
    every = list(buurten)
    # Past the end (rare: an old link) costs what Django's costs and one read more.
    for number, queries_made in ((1, 1), (2, 1), (3, 1), ("x", 1), (4, 3)):
        with CaptureQueriesContext(connection) as queries:
            page = Paginator(buurten.all(), 10, count_with_page=True).get_page(number)
            assert page.paginator.count == 25 and page.paginator.num_pages == 3
            assert list(page.object_list) == every[page.start_index() - 1 : page.end_index()]
        assert len(queries) == queries_made, number
    with CaptureQueriesContext(connection) as queries:
        page = Paginator(buurten.filter(name="nergens"), 10, count_with_page=True).get_page(1)
        assert page.paginator.count == 0 and list(page.object_list) == []
    assert len(queries) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("with_page", [False, True])
def test_otherwise_only_a_full_page_is_counted(buurten, with_page):
    # Rows that are not model instances cannot carry the count.
    names = buurten.values_list("name", flat=True) if with_page else buurten
    every = list(names)
    for number, queries_made in ((1, 2), (2, 2), (3, 1)):
        with CaptureQueriesContext(connection) as queries:
            page = Paginator(names.all(), 10, count_with_page=with_page).get_page(number)
            assert page.paginator.count == 25
            assert list(page.object_list) == every[page.start_index() - 1 : page.end_index()]
        assert len(queries) == queries_made, number

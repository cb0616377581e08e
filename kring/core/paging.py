"""A list's pages with fewer queries: the count from the page where it tells, or with it.

Django's Paginator counts every match first (``COUNT(*)``) and then reads the page: two
queries that each run the list's whole filter, each built and compiled by Django. A page that
is not full is the last one, so the count is the rows before it plus its own. And a list whose
filter costs the database more than sorting its matches (a member's gifts: the consents the
residents gave) can read the page with ``COUNT(*) OVER ()`` beside its rows, so the database
filters once (``count_with_page``). Where an index gives the first rows of a long list in
order, the separate count is cheaper: a window must see every match before the first row.
A page past the end (an old link) is answered as Django answers it: the last page."""

from django.core import paginator
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable

TOTAL = "kring_rows_in_list"  # the annotation with the count, on each row of the page


class Paginator(paginator.Paginator):
    """Django's Paginator, with the same pages, numbers and count; ``get_page`` counts only when
    the page is full, or, with ``count_with_page`` (a queryset of model instances), reads the
    count with the page."""

    def __init__(self, *args, count_with_page: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_with_page = count_with_page

    def get_page(self, number):
        if self.orphans:
            return super().get_page(number)  # orphans move rows between pages: as Django
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            number = 1  # as Django: a page that is not a number is the first
        if number < 1:
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        counted = (
            self.count_with_page
            and isinstance(rows, QuerySet)
            and issubclass(rows._iterable_class, ModelIterable)
        )
        if counted:
            rows = rows.annotate(**{TOTAL: Window(Count("*"))})
        rows = list(rows[bottom : bottom + self.per_page])
        if not rows and (number > 1 or not self.allow_empty_first_page):
            return super().get_page(number)  # past the end: Django's answer (the last page)
        # The cached_property, set before it is read.
        if counted:
            self.__dict__["count"] = getattr(rows[0], TOTAL) if rows else 0
        elif len(rows) < self.per_page:
            self.__dict__["count"] = bottom + len(rows)  # the last page tells
        return self._get_page(rows, number, self)

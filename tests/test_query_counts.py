"""No N+1 queries: every collective page makes as many queries with three times the data.

The walk of tests/test_isolation.py gives every URL of a collective; alice (admin) opens each
with a small collective, then with three times as many residents, gifts, other assets,
consents, members and initiatives, and the number of queries per page must not grow. Each
page is rendered afresh (every collective gets a new data version first, so no body comes from
the page cache); a body served from the cache needs only the floor and the version."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch

from kring.communities.models import Role
from kring.core.models import DataVersion, KindVersion

from . import factories
from .test_isolation import (
    alice_world,  # noqa: F401 (the fixture, used by name)
    urls_for,
    walk,
)


def add_data(collective, neighbourhood, times: int):
    for _ in range(times):
        resident = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
        factories.ConsentFactory(resident=resident)
        factories.ConsentFactory(resident=resident, purpose="leden")
        factories.GiftFactory(collective=collective, resident=resident, visibility="leden")
        factories.AssetFactory(collective=collective, visibility="openbaar")
        # A story told by the resident, without "verhalen" consent: the wijkportret page
        # says why it cannot be shared, in a fixed number of queries.
        factories.StoryFactory(collective=collective, tellers=[resident])
        factories.MembershipFactory(
            user=factories.UserFactory(), collective=collective, role=Role.MEMBER
        )
        initiative = factories.InitiativeFactory(collective=collective)
        factories.NeedFactory(initiative=initiative)


def collective_pages(world):
    for route, name, pattern in walk():
        if not route.startswith("c/<slug:slug>/") or route.rsplit("/", 1)[-1].count("."):
            continue
        try:
            yield from urls_for(pattern, name, world)
        except (AssertionError, NoReverseMatch):
            continue  # the isolation test names a URL it cannot fill


def count_queries(client, urls):
    counts = {}
    for url in urls:
        # New data versions for every collective: the page is rendered, not taken from the
        # page cache (kring.core.pagecache).
        DataVersion.objects.update(version=F("version") + 1)
        KindVersion.objects.update(version=F("version") + 1)
        # request_started empties the query log: count one GET from an empty log.
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code == 200:
            counts[url] = len(queries)
    return counts


@pytest.mark.django_db
def test_collective_pages_make_as_many_queries_with_three_times_the_data(
    client, alice, collective, neighbourhood, request
):
    world = request.getfixturevalue("alice_world")
    add_data(collective, neighbourhood, 2)
    client.force_login(alice)
    urls = list(collective_pages(world))
    small = count_queries(client, urls)
    assert len(small) >= 15, sorted(small)
    add_data(collective, neighbourhood, 4)
    large = count_queries(client, small)
    grown = {url: f"{small[url]} → {large[url]}" for url in large if large[url] > small[url]}
    assert not grown, f"queries grow with the data (N+1): {grown}"


@pytest.mark.django_db
def test_a_kept_body_needs_only_the_floor_and_the_version(client, alice_world, collective, alice):  # noqa: F811
    """The second request of a page with a kept body reads the session and the user (the
    floor, kring.security.signed_in; the user's query reads the versions of the collective's
    kinds of data too), nothing else."""
    client.force_login(alice)
    slug = collective.slug
    urls = [
        f"/c/{slug}/assets/gift/",
        f"/c/{slug}/assets/gift/?q=fiets",
        f"/c/{slug}/residents/",
        f"/c/{slug}/residents/?q=a",
        f"/c/{slug}/connections/",
    ]
    for url in urls:
        fresh = count_queries(client, [url])
        assert url in fresh, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(queries) == 2, (url, [q["sql"] for q in queries.captured_queries])
        assert len(queries) < fresh[url], url

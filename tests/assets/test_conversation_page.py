"""The gift conversation's empty form is kept in the page cache (kring.core.pagecache) under the
kinds of data it shows: the collective (its buurten to choose from) and, with ``?bewoner=``, the
residents. A write of those kinds shows at once; the request's CSRF token and nothing of
another collective, language or day ends up in it."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse

from kring.communities.parts import CSRF_MARKER
from kring.geo.models import Neighbourhood
from kring.people.models import Resident

from .. import factories
from ..core.test_page_cache import body, get, kept, new_versions

pytestmark = pytest.mark.django_db


def url_of(collective, **query):
    url = reverse("assets:conversation", args=[collective.slug])
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def token(html: str) -> str:
    main = html.split("<main", 1)[1]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', main).group(1)


@pytest.fixture
def ria(collective, neighbourhood):
    return factories.ResidentFactory(
        collective=collective, name="Ria Rozenhof", neighbourhood=neighbourhood
    )


def test_the_kept_form_is_byte_identical_to_a_fresh_one(client, collective, bob, ria):
    client.force_login(bob)
    for url in (url_of(collective), url_of(collective, bewoner=ria.pk)):
        first, outcome = get(client, url)
        assert outcome == "miss"
        again, outcome = get(client, url)
        assert outcome == "hit" and body(again) == body(first)
        new_versions(collective_id=collective.pk)
        fresh, outcome = get(client, url)
        assert outcome == "miss" and body(fresh) == body(again)
    assert 'value="Ria Rozenhof"' in again and f'value="{ria.pk}"' in again


def test_the_kept_form_posts_with_the_requests_own_token(client, collective, bob):
    client.force_login(bob)
    html = kept(client, url_of(collective))
    assert CSRF_MARKER not in html and token(html)
    client.handler.enforce_csrf_checks = True
    response = client.post(url_of(collective), {"csrfmiddlewaretoken": token(html)})
    # The form answers (with its errors: nothing was filled in), not the CSRF check.
    assert response.status_code == 400
    assert "Vul de naam van de bewoner in" in response.content.decode()


def test_a_buurt_renamed_or_added_shows_at_once(client, collective, bob, neighbourhood):
    client.force_login(bob)
    url = url_of(collective)
    assert neighbourhood.name in kept(client, url)
    Neighbourhood.objects.filter(pk=neighbourhood.pk).update(name="Nieuwe Gaffel")
    html, outcome = get(client, url)
    assert outcome == "miss" and "Nieuwe Gaffel" in html
    other = factories.NeighbourhoodFactory(district=neighbourhood.district, name="Oude Haven West")
    kept(client, url)
    collective.working_area.add(neighbourhood, other)
    html, outcome = get(client, url)
    assert outcome == "miss" and "Oude Haven West" in html


def test_the_chosen_resident_renamed_shows_and_other_residents_keep_the_empty_form(
    client, collective, bob, ria, neighbourhood
):
    client.force_login(bob)
    empty, chosen = url_of(collective), url_of(collective, bewoner=ria.pk)
    kept(client, empty)
    kept(client, chosen)
    Resident.objects.filter(pk=ria.pk).update(name="Ria van Dam")
    assert get(client, empty)[1] == "hit"
    html, outcome = get(client, chosen)
    assert outcome == "miss" and "Ria van Dam" in html


def test_an_unknown_or_erased_resident_is_not_chosen(client, collective, other_collective, bob):
    from kring.privacy.services import erase_resident

    elsewhere = factories.ResidentFactory(collective=other_collective, name="Otto Elders")
    client.force_login(bob)
    html = kept(client, url_of(collective, bewoner=elsewhere.pk))
    assert "Otto Elders" not in html
    gone = factories.ResidentFactory(collective=collective, name="Gijs Gewist")
    assert "Gijs Gewist" in kept(client, url_of(collective, bewoner=gone.pk))
    erase_resident(actor=bob, resident=gone)
    html, outcome = get(client, url_of(collective, bewoner=gone.pk))
    assert outcome == "miss" and "Gijs Gewist" not in html


def test_collectives_languages_and_users_do_not_share_it(
    client, collective, other_collective, bob, charlie, municipality
):
    mine = factories.NeighbourhoodFactory(district__municipality=municipality, name="Kadebuurt")
    theirs = factories.NeighbourhoodFactory(district__municipality=municipality, name="Dijkbuurt")
    collective.working_area.add(mine)
    other_collective.working_area.add(theirs)
    client.force_login(bob)
    html = kept(client, url_of(collective))
    assert "Kadebuurt" in html and "Dijkbuurt" not in html
    bobs_token = token(html)
    client.force_login(charlie)
    html, outcome = get(client, url_of(other_collective))
    assert outcome == "miss" and "Dijkbuurt" in html and "Kadebuurt" not in html
    assert token(html) != bobs_token
    client.cookies["django_language"] = "en"
    html, outcome = get(client, url_of(other_collective))
    assert outcome == "miss" and "Gaven-gesprek" not in body(html)


def test_a_new_day_gives_a_new_date(client, collective, bob):
    client.force_login(bob)
    url = url_of(collective)
    today = datetime.date.today()
    assert f'value="{today.isoformat()}"' in kept(client, url)
    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        html, outcome = get(client, url)
    assert outcome == "miss" and f'value="{tomorrow.isoformat()}"' in html


def test_a_member_gets_no_form(client, collective, mia):
    client.force_login(mia)
    assert client.get(url_of(collective)).status_code == 403

"""A member collective's private data never appears on a public page: every URL of the public
site is walked, anonymously and logged in as someone else, with a collective full of
secret-named residents, gifts and assets that is itself published."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kring.public.models import Newsletter
from tests.test_isolation import walk

from .conftest import PRIVATE

pytestmark = pytest.mark.django_db


def public_urls(news, meeting, picture, collective, issue):
    fill = {
        "pk": issue.pk,
        "slug": collective.slug,
        "article": news["article"].slug,
        "publication": news["publication"].slug,
        "meeting": meeting.slug,
        "picture": picture.pk,
        "token": "onbekend",
    }
    urls = ["/"]
    for _route, name, pattern in walk():
        if not name or not name.startswith("public:"):
            continue
        keys = set(getattr(pattern, "converters", {}))
        urls.append(reverse(name, kwargs={k: fill[k] for k in keys}))
    return urls


@pytest.mark.parametrize("who", ["anonymous", "charlie", "official"])
def test_no_private_data_on_any_public_page(client, news, public_collective, who, request):
    from tests import factories

    meeting = factories.MeetingFactory()
    picture = factories.PictureFactory()
    # A sent newsletter (its web version is public), and a subscriber who must not show.
    factories.SubscriberFactory(email="quirina@example.nl")
    issue = Newsletter.objects.create(
        subject="Nieuwsbrief",
        body="<p>Nieuws</p>",
        status="verstuurd",
        send_started_at=timezone.now(),
        sent_at=timezone.now(),
    )
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    urls = public_urls(news, meeting, picture, public_collective, issue)
    assert len(urls) > 15
    for url in urls:
        response = client.get(url, {"q": "Quirina"} if url == reverse("public:members") else {})
        assert response.status_code in (200, 302, 404), url
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode(errors="replace")
        for secret in PRIVATE:
            assert secret not in body, f"{url} shows {secret!r}"


def test_search_does_not_find_members_by_private_words(client, public_collective):
    for word in ["Quirina", "moestuinclub", "Zilverberk", "Interne"]:
        response = client.get(reverse("public:members"), {"q": word})
        assert public_collective.name not in response.content.decode(), word

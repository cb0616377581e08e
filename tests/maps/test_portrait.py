import io

from django.urls import reverse
from pypdf import PdfReader

from kring.maps.models import PortraitStory
from tests import factories


def _stories(collective, n):
    return [
        factories.AssetFactory(
            collective=collective, category="story", title=f"Verhaal {i}", description="Toen."
        )
        for i in range(n)
    ]


def test_buurtmaker_chooses_up_to_three_stories(client, bob, collective):
    stories = _stories(collective, 4)
    client.force_login(bob)
    url = reverse("maps:portrait", args=[collective.slug])
    response = client.post(url, {"stories": [s.pk for s in stories]})
    assert response.status_code == 400
    assert "hoogstens drie" in response.content.decode()
    assert not PortraitStory.objects.exists()
    response = client.post(url, {"stories": [s.pk for s in stories[:2]]})
    assert response.status_code == 302
    assert set(PortraitStory.objects.values_list("asset_id", flat=True)) == {
        stories[0].pk,
        stories[1].pk,
    }


def test_members_cannot_choose_stories(client, mia, collective):
    stories = _stories(collective, 1)
    client.force_login(mia)
    client.post(reverse("maps:portrait", args=[collective.slug]), {"stories": [stories[0].pk]})
    assert not PortraitStory.objects.exists()


def test_portrait_is_one_page_with_the_chosen_stories_only(client, mia, collective):
    stories = _stories(collective, 2)
    PortraitStory.objects.create(collective=collective, asset=stories[0])
    factories.AssetFactory(collective=collective, title="Buurthuis", latitude=51.9, longitude=4.4)
    client.force_login(mia)
    response = client.get(reverse("maps:portrait_pdf", args=[collective.slug]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    assert "Verhaal 0" in text and "Verhaal 1" not in text
    png = client.get(reverse("maps:portrait_png", args=[collective.slug]))
    assert png.content.startswith(b"\x89PNG")


def test_show_a_story_in_the_portrait_from_its_own_page(client, bob, collective):
    stories = _stories(collective, 4)
    client.force_login(bob)
    for story in stories[:3]:
        url = reverse("maps:portrait_story", args=[collective.slug, story.pk])
        assert client.post(url, {"shown": "1"}).status_code == 302
    page = client.get(stories[0].get_absolute_url()).content.decode()
    assert "Haal uit het wijkportret" in page
    fourth = reverse("maps:portrait_story", args=[collective.slug, stories[3].pk])
    response = client.post(fourth, {"shown": "1"}, follow=True)
    assert "al drie verhalen" in response.content.decode()
    assert PortraitStory.objects.count() == 3
    client.post(
        reverse("maps:portrait_story", args=[collective.slug, stories[0].pk]), {"shown": "0"}
    )
    assert PortraitStory.objects.count() == 2
    place = factories.AssetFactory(collective=collective)
    url = reverse("maps:portrait_story", args=[collective.slug, place.pk])
    assert client.post(url, {"shown": "1"}).status_code == 404

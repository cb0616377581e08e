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


def test_the_portrait_prints_a_told_story_only_with_every_tellers_consent(
    client, bob, mia, collective, access_for
):
    from kring.people.services import set_consents

    ria = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    factories.ConsentFactory(resident=ria, purpose="verhalen")
    told = factories.StoryFactory(collective=collective, title="Het Kadefeest", tellers=[ria])
    own = factories.StoryFactory(collective=collective, title="De Oude Sluis")
    for story in (told, own):
        PortraitStory.objects.create(collective=collective, asset=story)

    def printed():
        response = client.get(reverse("maps:portrait_pdf", args=[collective.slug]))
        return PdfReader(io.BytesIO(response.content)).pages[0].extract_text()

    client.force_login(mia)
    text = printed()
    assert "Het Kadefeest" in text and "De Oude Sluis" in text and "Ria de Vries" not in text
    set_consents(
        access=access_for(bob, collective), resident=ria, purposes=set(), method="digitaal"
    )
    text = printed()
    assert "Het Kadefeest" not in text and "De Oude Sluis" in text
    # Still chosen: it comes back by itself once she consents again.
    assert PortraitStory.objects.filter(asset=told).exists()


def test_the_choosing_screen_says_which_stories_wait_for_whose_consent(
    client, bob, mia, collective
):
    ria = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    told = factories.StoryFactory(collective=collective, title="Het Kadefeest", tellers=[ria])
    factories.StoryFactory(collective=collective, title="De Oude Sluis")
    PortraitStory.objects.create(collective=collective, asset=told)
    url = reverse("maps:portrait", args=[collective.slug])

    client.force_login(bob)
    page = client.get(url).content.decode()
    gap = "nog geen toestemming van Ria de Vries om het verhaal openbaar te delen"
    assert page.count(gap) == 2  # beside its box, and in the list of chosen stories that wait
    assert "staan nu niet in het wijkportret" in page
    # Choosing it stays possible: it waits for the consent, and the page says so.
    response = client.post(url, {"stories": [told.pk]})
    assert response.status_code == 302

    # Ria did not allow members to see her: a member reads that a resident's consent is
    # missing, not who.
    client.force_login(mia)
    page = client.get(url).content.decode()
    assert "Ria de Vries" not in page
    assert "nog geen toestemming van 1 bewoner" in page

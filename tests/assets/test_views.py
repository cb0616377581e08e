import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kring.assets.models import Asset, Category, Tag
from tests.factories import AssetFactory, GiftFactory


@pytest.mark.django_db
@pytest.mark.parametrize("category", Category.values)
def test_every_category_has_a_list_and_an_empty_form(client, bob, collective, category):
    client.force_login(bob)
    assert client.get(reverse("assets:list", args=[collective.slug, category])).status_code == 200
    assert client.get(reverse("assets:create", args=[collective.slug, category])).status_code == 200


@pytest.mark.django_db
def test_create_place_with_tags_and_history(client, bob, collective, neighbourhood):
    client.force_login(bob)
    response = client.post(
        reverse("assets:create", args=[collective.slug, "place"]),
        {
            "title": "Buurthuis De Linde",
            "description": "Grote zaal en keuken",
            "address": "Lindeplein 1",
            "latitude": "52.09",
            "longitude": "5.11",
            "opening_hours": "ma–vr 9–17",
            "accessibility": "rolstoeltoegankelijk",
            "neighbourhood": neighbourhood.pk,
            "visibility": "openbaar",
            "source": "handmatig",
            "tags": "Zaal, keuken, zaal",
        },
    )
    asset = Asset.objects.get(title="Buurthuis De Linde")
    assert response.status_code == 302
    assert asset.collective == collective and asset.created_by == bob
    assert sorted(asset.tags.values_list("name", flat=True)) == ["keuken", "zaal"]
    client.post(
        reverse("assets:edit", args=[collective.slug, asset.pk]),
        {
            "title": "Buurthuis De Linde (groot)",
            "description": "x",
            "version": asset.version,
            "neighbourhood": neighbourhood.pk,
            "visibility": "leden",
            "source": "handmatig",
            "tags": "zaal",
        },
    )
    asset.refresh_from_db()
    assert asset.title == "Buurthuis De Linde (groot)" and asset.updated_by == bob
    assert asset.history.count() == 2
    detail = client.get(asset.get_absolute_url()).content.decode()
    assert "Geschiedenis" in detail and "gewijzigd" in detail


@pytest.mark.django_db
def test_errors_are_dutch_and_keep_input(client, bob, collective):
    client.force_login(bob)
    response = client.post(
        reverse("assets:create", args=[collective.slug, "place"]),
        {
            "title": "",
            "description": "Mooie tuin",
            "latitude": "52.1",
            "longitude": "",
            "visibility": "leden",
            "source": "handmatig",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Dit veld is verplicht" in body
    assert "breedtegraad én de lengtegraad" in body
    assert "Mooie tuin" in body
    assert not Asset.objects.exists()


@pytest.mark.django_db
def test_a_gift_cannot_be_public_and_needs_a_resident(client, bob, collective):
    client.force_login(bob)
    response = client.post(
        reverse("assets:create", args=[collective.slug, "gift"]),
        {"title": "zingen", "gift_kind": "hart", "visibility": "openbaar", "source": "handmatig"},
    )
    assert response.status_code == 400
    assert not Asset.objects.exists()


@pytest.mark.django_db
def test_story_image_is_checked_and_reencoded(client, bob, collective):
    client.force_login(bob)
    url = reverse("assets:create", args=[collective.slug, "story"])
    fake = SimpleUploadedFile("foto.jpg", b"<html>geen foto</html>", content_type="image/jpeg")
    response = client.post(
        url,
        {
            "title": "Het oude fort",
            "description": "Verhaal",
            "image": fake,
            "visibility": "leden",
            "source": "handmatig",
        },
    )
    assert response.status_code == 400
    assert (
        "geen foto" in response.content.decode().lower()
        or "afbeelding" in response.content.decode()
    )
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    real = SimpleUploadedFile("fort.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        url,
        {
            "title": "Het oude fort",
            "description": "Verhaal",
            "image": real,
            "image_description": "Groen vlak",
            "visibility": "leden",
            "source": "handmatig",
        },
    )
    assert response.status_code == 302
    story = Asset.objects.get(category="story")
    assert story.image.name.endswith(".png")


@pytest.mark.django_db
def test_search_and_filters(client, bob, collective, neighbourhood):
    AssetFactory(collective=collective, category="association", title="Koor De Lindezangers")
    AssetFactory(
        collective=collective,
        category="association",
        title="Moestuinclub",
        neighbourhood=neighbourhood,
    )
    GiftFactory(collective=collective, title="fietsen repareren", gift_kind="handen")
    GiftFactory(collective=collective, title="kent de buurtgeschiedenis", gift_kind="hoofd")
    client.force_login(bob)
    url = reverse("assets:list", args=[collective.slug, "association"])
    body = client.get(url, {"q": "koor"}).content.decode()
    assert "Koor De Lindezangers" in body and "Moestuinclub" not in body
    body = client.get(url, {"neighbourhood": neighbourhood.pk}).content.decode()
    assert "Moestuinclub" in body and "Koor De Lindezangers" not in body
    gifts = reverse("assets:list", args=[collective.slug, "gift"])
    body = client.get(gifts, {"gift_kind": "hoofd"}).content.decode()
    assert "buurtgeschiedenis" in body and "fietsen repareren" not in body
    # htmx asks for the results only.
    partial = client.get(url, {"q": "moes"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Moestuinclub" in partial and "<html" not in partial


@pytest.mark.django_db
def test_search_finds_an_asset_by_its_tags_once(client, bob, collective):
    """Two of its tags match: the asset is one row and counted once; its tags show by name."""
    club = AssetFactory(collective=collective, category="association", title="Club Noord")
    AssetFactory(collective=collective, category="association", title="Koor Zuid")
    club.tags.set(
        [
            Tag.objects.create(collective=collective, name=name)
            for name in ("tuinieren", "moestuin", "bloemen")
        ]
    )
    client.force_login(bob)
    url = reverse("assets:list", args=[collective.slug, "association"])
    body = client.get(url, {"q": "tuin"}).content.decode()
    assert body.count("Club Noord") == 1 and "Koor Zuid" not in body
    assert "1 gevonden" in body
    badges = '<li class="badge">bloemen</li><li class="badge">moestuin</li>'
    assert badges + '<li class="badge">tuinieren</li>' in body
    page = client.get(reverse("assets:detail", args=[collective.slug, club.pk])).content.decode()
    assert badges + '<li class="badge">tuinieren</li>' in page


@pytest.mark.django_db
def test_unknown_category_is_404(client, bob, collective):
    client.force_login(bob)
    assert client.get(f"/c/{collective.slug}/assets/problems/").status_code == 404


@pytest.mark.django_db
def test_delete_asks_first(client, bob, collective):
    asset = AssetFactory(collective=collective)
    client.force_login(bob)
    url = reverse("assets:delete", args=[collective.slug, asset.pk])
    assert client.get(url).status_code == 200 and Asset.objects.exists()
    assert client.post(url).status_code == 302 and not Asset.objects.exists()


@pytest.mark.django_db
def test_members_see_members_and_public_assets_only(client, mia, collective):
    AssetFactory(collective=collective, title="Openbaar park", visibility="openbaar")
    AssetFactory(collective=collective, title="Sleutelkastje", visibility="buurtmakers")
    client.force_login(mia)
    body = client.get(reverse("assets:list", args=[collective.slug, "place"])).content.decode()
    assert "Openbaar park" in body and "Sleutelkastje" not in body
    assert client.get(reverse("assets:create", args=[collective.slug, "place"])).status_code == 403


@pytest.mark.django_db
def test_a_page_for_a_number_no_row_can_have_is_404(client, bob, collective):
    client.force_login(bob)
    for number in (2**63, 10**30):
        assert client.get(f"/c/{collective.slug}/assets/{number}/").status_code == 404
        assert client.get(f"/c/{collective.slug}/residents/{number}/").status_code == 404

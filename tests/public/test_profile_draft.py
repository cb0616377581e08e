"""Edits of a public profile are a draft: previewed exactly as the public will see them,
published or thrown away; the public site keeps the published version until then."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from kring.privacy.models import AuditEntry
from kring.public.models import ProfileDraft

DRAFT_TEXT = "Conceptzin die nog niemand mag zien"


def png(colour="green") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def edit(client, collective, **changes):
    data = {
        "public_place": collective.public_place,
        "public_province": collective.public_province,
        "public_teaser": collective.public_teaser,
        "public_description": collective.public_description,
        "public_themes": collective.public_themes,
        **changes,
    }
    return client.post(reverse("public_profile:edit", args=[collective.slug]), data)


def public_pages(collective):
    return [
        reverse("public:member", args=[collective.slug]),
        reverse("public:members"),
        reverse("public:map"),
        "/",
        "/sitemap.xml",
    ]


@pytest.fixture
def published(public_collective):
    return public_collective


@pytest.mark.django_db
def test_edit_of_a_published_profile_is_a_draft_until_published(client, alice, published):
    client.force_login(alice)
    response = edit(client, published, public_teaser=DRAFT_TEXT)
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.public_teaser != DRAFT_TEXT
    client.logout()
    for url in public_pages(published):
        body = client.get(url).content.decode()
        assert DRAFT_TEXT not in body, url
    assert "Bewoners runnen samen" in client.get(public_pages(published)[0]).content.decode()

    client.force_login(alice)
    preview = client.get(reverse("public_profile:preview", args=[published.slug]))
    body = preview.content.decode()
    assert DRAFT_TEXT in body and "Dit is een concept." in body
    assert "Concept publiceren" in body and "Concept weggooien" in body
    # The edit form starts from the draft, not from the published text.
    assert (
        DRAFT_TEXT
        in client.get(reverse("public_profile:edit", args=[published.slug])).content.decode()
    )

    client.post(reverse("public_profile:publish", args=[published.slug]), {"publish": "1"})
    published.refresh_from_db()
    assert published.public_teaser == DRAFT_TEXT and published.is_public
    assert not ProfileDraft.objects.exists()
    client.logout()
    assert DRAFT_TEXT in client.get(public_pages(published)[0]).content.decode()
    summaries = list(
        AuditEntry.objects.filter(collective=published).values_list("summary", flat=True)
    )
    assert "concept openbaar profiel bewaard" in summaries
    assert any(s.startswith("openbaar profiel gepubliceerd") for s in summaries)


@pytest.mark.django_db
def test_discarding_a_draft_keeps_the_published_profile(client, alice, published):
    client.force_login(alice)
    edit(client, published, public_teaser=DRAFT_TEXT, public_logo=png())
    draft = ProfileDraft.objects.get()
    logo = draft.public_logo.name
    assert default_storage.exists(logo)
    with django_capture_on_commit():
        response = client.post(reverse("public_profile:discard", args=[published.slug]))
    assert response.status_code == 302
    assert not ProfileDraft.objects.exists()
    assert not default_storage.exists(logo)  # the draft's logo file is gone too
    published.refresh_from_db()
    assert published.public_teaser == "Bewoners runnen samen het buurthuis aan de haven."
    assert AuditEntry.objects.filter(summary="concept openbaar profiel weggegooid").exists()
    preview = client.get(reverse("public_profile:preview", args=[published.slug])).content.decode()
    assert DRAFT_TEXT not in preview and "Concept weggooien" not in preview


@pytest.mark.django_db
def test_a_new_logo_replaces_the_old_file_on_publish(client, alice, published):
    client.force_login(alice)
    with django_capture_on_commit():
        edit(client, published, public_logo=png("red"))
        client.post(reverse("public_profile:publish", args=[published.slug]), {"publish": "1"})
    published.refresh_from_db()
    first = published.public_logo.name
    assert first and default_storage.exists(first)
    with django_capture_on_commit():
        edit(client, published, public_logo=png("blue"))
        # Before publishing, the public page still shows the first logo.
        client.logout()
        body = client.get(reverse("public:member", args=[published.slug])).content.decode()
        assert published.public_logo.url in body
        client.force_login(alice)
        client.post(reverse("public_profile:publish", args=[published.slug]), {"publish": "1"})
    published.refresh_from_db()
    assert published.public_logo.name != first
    assert default_storage.exists(published.public_logo.name)
    assert not default_storage.exists(first)


@pytest.mark.django_db
def test_a_draft_without_place_is_not_published(client, alice, published):
    client.force_login(alice)
    edit(client, published, public_place="", public_teaser=DRAFT_TEXT)
    response = client.post(
        reverse("public_profile:publish", args=[published.slug]), {"publish": "1"}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.public_place == "Rotterdam" and published.public_teaser != DRAFT_TEXT
    assert ProfileDraft.objects.exists()


@pytest.mark.django_db
def test_taking_offline_keeps_the_draft(client, alice, published):
    client.force_login(alice)
    edit(client, published, public_teaser=DRAFT_TEXT)
    client.post(reverse("public_profile:publish", args=[published.slug]), {"publish": "0"})
    published.refresh_from_db()
    assert not published.is_public
    assert ProfileDraft.objects.get().public_teaser == DRAFT_TEXT
    client.logout()
    assert client.get(reverse("public:member", args=[published.slug])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_only_the_admin_discards(client, alice, published, who, request):
    client.force_login(alice)
    edit(client, published, public_teaser=DRAFT_TEXT)
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("public_profile:discard", args=[published.slug]))
    assert response.status_code in (403, 404)
    assert ProfileDraft.objects.exists()


def django_capture_on_commit():
    """Run on_commit callbacks (file removal) inside the test's transaction."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)

"""Pictures in editors' rich text: uploaded through Kring's own endpoint (CSRF, type and size
checked, re-encoded), stored under media with a random name, and allowed by the sanitiser only
from that folder."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from kring.public.models import Article, EditorImage
from kring.public.richtext import sanitize

URL = "/editorial/images/"
JSON = {"HTTP_ACCEPT": "application/json"}


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 5.0, 0.0)}  # GPSInfo: latitude
    exif[0x010F] = "Telefoonmerk"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


HOSTILE = [
    (
        "plaatje.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
    ),
    ("foto.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
    ("leeg.png", b"", "image/png"),
    ("animatie.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
]


def test_url_is_what_the_tests_use():
    assert reverse("editorial:image_upload") == URL


@pytest.mark.django_db
def test_editor_uploads_a_picture_and_gets_its_address(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("mijn vakantie fötö.jpg", jpeg_with_gps(), "image/jpeg")
    response = client.post(URL, {"image": upload}, **JSON)
    assert response.status_code == 201
    url = response.json()["url"]
    assert url.startswith("/media/public/editor/") and url.endswith(".jpg")
    assert "fötö" not in url and "vakantie" not in url  # a random name
    stored = EditorImage.objects.get()
    assert stored.uploaded_by == editor
    with default_storage.open(stored.image.name) as handle:
        image = Image.open(handle)
        image.load()
        assert not image.getexif()  # the GPS position and camera are gone
    # The sanitiser keeps exactly this picture.
    assert f'<img src="{url}" alt="Buurtfeest">' in sanitize(f'<img src="{url}" alt="Buurtfeest">')


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "kind"), HOSTILE)
def test_hostile_files_are_refused(client, editor, name, content, kind):
    client.force_login(editor)
    response = client.post(URL, {"image": SimpleUploadedFile(name, content, kind)}, **JSON)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not EditorImage.objects.exists()
    assert (
        not default_storage.exists("public/editor")
        or not default_storage.listdir("public/editor")[1]
    )


@pytest.mark.django_db
def test_too_large_is_refused(client, editor, settings):
    settings.KRING_MAX_IMAGE_BYTES = 100
    client.force_login(editor)
    upload = SimpleUploadedFile("groot.jpg", jpeg_with_gps(), "image/jpeg")
    response = client.post(URL, {"image": upload}, **JSON)
    assert response.status_code == 400 and "te groot" in response.json()["error"]


@pytest.mark.django_db
def test_without_javascript_the_page_uploads_and_lists(client, editor):
    client.force_login(editor)
    response = client.post(URL, {"image": SimpleUploadedFile("a.jpg", jpeg_with_gps())})
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    image = EditorImage.objects.get()
    assert f"&lt;img src=&quot;{image.image.url}&quot;" in page or image.image.url in page
    refused = client.post(URL, {"image": SimpleUploadedFile(*HOSTILE[0])})
    assert refused.status_code == 400 and "error-summary" in refused.content.decode()


@pytest.mark.django_db
def test_only_editors_and_only_with_csrf(editor, alice):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    upload = SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")
    assert strict.post(URL, {"image": upload}, **JSON).status_code == 403
    other = Client()
    other.force_login(alice)
    upload = SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")
    assert other.post(URL, {"image": upload}, **JSON).status_code == 403
    assert Client().post(URL, {"image": upload}).status_code == 302  # to log in
    assert not EditorImage.objects.exists()


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/x.png",
        "//evil.example/media/public/editor/a.png",
        "/media/public/editor/../../etc/passwd",
        "/media/public/editor/a.svg",
        "/media/public/editor/a.png?x=1",
        "/media/logos/a.png",
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "/media/public/editor/&#46;&#46;/a.png",
    ],
)
def test_sanitiser_drops_pictures_from_anywhere_else(src):
    assert sanitize(f'<p>tekst<img src="{src}" alt="x" onerror="alert(1)"></p>') == "<p>tekst</p>"


def test_sanitiser_keeps_own_picture_but_not_its_script():
    html = '<img src="/media/public/editor/ab12.png" alt="x" onerror="alert(1)" width="300">'
    assert sanitize(html) == '<img src="/media/public/editor/ab12.png" alt="x" width="300">'


@pytest.mark.django_db
def test_article_keeps_own_picture_and_loses_a_foreign_one(client, editor):
    client.force_login(editor)
    page = client.get(reverse("editorial:article_new")).content.decode()
    assert f'data-image-upload="{URL}"' in page
    response = client.post(
        reverse("editorial:article_new"),
        {
            "title": "Met plaatje",
            "slug": "met-plaatje",
            "summary": "Kort.",
            "body": '<p>Hoi</p><img src="/media/public/editor/ab12.png" alt="Feest">'
            '<img src="https://tracker.example/pixel.png">',
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Article.objects.get(slug="met-plaatje").body
    assert '<img src="/media/public/editor/ab12.png" alt="Feest">' in body
    assert "tracker" not in body

"""Every upload in Kring: type checked by content (not by name or the browser's claim), size
limited, pictures re-encoded (no hidden content, no GPS), no SVG or HTML; and uploads served
by Kring itself are never shown as a page."""

import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image

from kring.assets.forms import AssetForm
from kring.geo.forms import RegionImportForm
from kring.imports.forms import UploadForm
from kring.public.forms import (
    ArticleForm,
    EditorImageForm,
    PictureForm,
    PublicationForm,
    PublicProfileForm,
)

# Every file field of every model, with the form hook that checks its uploads.
UPLOAD_PATHS = {
    "communities.collective.public_logo": (PublicProfileForm, "public_logo", "image"),
    "public.profiledraft.public_logo": (PublicProfileForm, "public_logo", "image"),
    "public.editorimage.image": (EditorImageForm, "image", "image"),
    "assets.asset.image": (AssetForm, "image", "image"),
    "public.article.image": (ArticleForm, "image", "image"),
    "public.picture.image": (PictureForm, "image", "image"),
    "public.publication.file": (PublicationForm, "file", "pdf"),
    # CSV/XLSX with personal data: parsed by kring.imports, kept outside MEDIA_ROOT.
    "imports.importjob.file": (UploadForm, "file", "import"),
    # The superuser's CBS file in the admin site: JSON text checked at once, parsed by the
    # background check; kept outside MEDIA_ROOT.
    "geo.regionimport.file": (RegionImportForm, "file", "geojson"),
}


# Files Kring makes itself (never uploaded), downloaded through a view that checks access.
GENERATED = {
    "impact.impactreport.pdf",
    "impact.impactreport.xlsx",
    "impact.impactreport.csv",
    # The moving archive: private storage outside MEDIA_ROOT, random name, admins only.
    "exports.archivejob.file",
}


def test_every_upload_field_is_known_here():
    """A new upload field must be added above, with its checks: this fails until it is."""
    found = {
        f"{model._meta.label_lower}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("kring.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    assert found == set(UPLOAD_PATHS) | GENERATED


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (60, 40), "orange")
    exif = Image.Exif()
    exif[0x010E] = "verborgen beschrijving"
    exif[0x8825] = {2: (52.0, 5.0, 1.0), 4: (4.0, 28.0, 1.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
REFUSED_PICTURES = [
    ("logo.svg", SVG, "image/svg+xml"),
    ("logo.png", SVG, "image/png"),
    ("foto.jpg", HTML, "image/jpeg"),
    ("foto.html", HTML, "text/html"),
    ("foto.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
    ("leeg.jpg", b"", "image/jpeg"),
]


def check(form_class, field, upload):
    """Runs the form's own clean_<field> hook, as Django does during is_valid()."""
    hook = getattr(form_class, f"clean_{field}")
    return hook(SimpleNamespace(cleaned_data={field: upload}, initial={}))


@pytest.mark.parametrize(
    "path", [p for p, (_f, _n, kind) in UPLOAD_PATHS.items() if kind == "image"]
)
@pytest.mark.parametrize("name,content,claimed", REFUSED_PICTURES)
def test_pictures_refuse_what_is_not_a_photo(path, name, content, claimed):
    form_class, field, _kind = UPLOAD_PATHS[path]
    with pytest.raises(ValidationError):
        check(form_class, field, SimpleUploadedFile(name, content, content_type=claimed))


@pytest.mark.parametrize(
    "path", [p for p, (_f, _n, kind) in UPLOAD_PATHS.items() if kind == "image"]
)
def test_pictures_are_re_encoded_without_metadata(path):
    form_class, field, _kind = UPLOAD_PATHS[path]
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()
    # Named .html by a trickster: the name follows the content, not the claim.
    result = check(form_class, field, SimpleUploadedFile("foto.html", original, "text/html"))
    assert result.name.endswith(".jpg") and result.content_type == "image/jpeg"
    stored = result.read()
    assert stored != original
    assert not Image.open(io.BytesIO(stored)).getexif()


@pytest.mark.parametrize(
    "path", [p for p, (_f, _n, kind) in UPLOAD_PATHS.items() if kind == "image"]
)
def test_pictures_too_large_are_refused(path, settings):
    form_class, field, _kind = UPLOAD_PATHS[path]
    settings.KRING_MAX_IMAGE_BYTES = 100
    with pytest.raises(ValidationError, match="te groot"):
        check(form_class, field, SimpleUploadedFile("foto.jpg", jpeg_with_gps(), "image/jpeg"))


def test_a_decompression_bomb_is_refused_before_decoding():
    from kring.core.images import clean_uploaded_image

    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")  # tiny file, 64 million pixels
    with pytest.raises(ValidationError, match="beeldpunten"):
        clean_uploaded_image(SimpleUploadedFile("bom.png", out.getvalue(), "image/png"))


@pytest.mark.parametrize(
    "name,content",
    [
        ("stuk.pdf", HTML),
        ("stuk.pdf", SVG),
        ("stuk.html", b"%PDF-1.4\n<html><script>alert(1)</script></html>"),
        ("stuk.pdf", b""),
    ],
)
def test_publications_must_be_pdf_by_content(name, content):
    with pytest.raises(ValidationError):
        check(PublicationForm, "file", SimpleUploadedFile(name, content, "application/pdf"))


def test_publication_too_large_is_refused(settings):
    settings.KRING_MAX_PUBLICATION_BYTES = 10
    with pytest.raises(ValidationError, match="te groot"):
        check(PublicationForm, "file", SimpleUploadedFile("a.pdf", b"%PDF-1.4 " * 10, "x"))


@pytest.mark.parametrize(
    "name,inline",
    [
        ("foto.jpg", True),
        ("foto.png", True),
        ("foto.webp", True),
        ("logo.svg", False),
        ("pagina.html", False),
        ("pagina.htm", False),
        ("publicatie.pdf", False),
        ("zonder-extensie", False),
        ("foto.jpg.html", False),
    ],
)
def test_media_served_by_kring_is_never_a_page(rf, settings, name, inline):
    from kring.security.media import serve_media

    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / name).write_bytes(SVG)
    response = serve_media(rf.get(f"/media/{name}"), name, document_root=settings.MEDIA_ROOT)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    if inline:
        assert response["Content-Type"].startswith("image/")
        assert not response.get("Content-Disposition", "").startswith("attachment")
    else:
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")


def test_media_outside_the_media_folder_is_not_served(rf, settings):
    from django.core.exceptions import SuspiciousFileOperation
    from django.http import Http404

    from kring.security.media import serve_media

    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    for path in ("../settings.py", "%2e%2e/settings.py", "/etc/passwd"):
        # Django answers a SuspiciousFileOperation with a 400.
        with pytest.raises((Http404, SuspiciousFileOperation)):
            serve_media(rf.get("/media/x"), path, document_root=settings.MEDIA_ROOT)


def test_make_demo_serves_media_through_the_safe_view():
    """With DEBUG on (make demo) /media/ goes through kring.security.media, not Django's
    plain static serve."""
    from tests.core.test_settings import manage

    result = manage(
        "shell",
        "-c",
        "from django.urls import resolve; print(resolve('/media/a.svg').func.__module__)",
        env={"KRING_DEBUG": "true"},
    )
    assert result.stdout.strip().splitlines()[-1] == "kring.security.media", result.stderr


# Every view that reads request.FILES, with what checks its uploads.
UPLOAD_VIEWS = {
    "kring/assets/views.py": "AssetForm.clean_image",
    "kring/public/profile_views.py": "PublicProfileForm.clean_public_logo",
    "kring/public/editorial.py": "ArticleForm/PictureForm/PublicationForm",
    "kring/geo/admin.py": "RegionImportForm.clean_file (size, JSON text), then the background "
    "check import_regions(dry_run=True) before anything is stored",
    "kring/imports/views.py": "UploadForm.clean_file (size) and the import's own parsing",
}


def test_every_view_that_takes_files_is_known_here():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = {
        str(path.relative_to(root))
        for path in (root / "kring").rglob("*.py")
        if "request.FILES" in path.read_text()
    }
    assert found == set(UPLOAD_VIEWS)


@pytest.mark.parametrize(
    "name,content",
    [("buurten.geojson", SVG), ("buurten.geojson", HTML), ("buurten.svg", SVG), ("x.json", b"")],
)
@pytest.mark.django_db
def test_region_import_takes_only_geojson_by_content(client, name, content, settings):
    from tests.factories import UserFactory

    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    client.force_login(root)
    response = client.post(
        "/admin/geo/municipality/import-cbs/",
        {"file": SimpleUploadedFile(name, content, "application/geo+json"), "year": 2025},
    )
    assert response.status_code == 400
    # Refused before it is kept anywhere: not in MEDIA_ROOT, not in the private folder.
    for stored in (settings.MEDIA_ROOT / "cbs-imports", settings.KRING_IMPORT_ROOT / "regions"):
        assert not stored.exists() or not any(stored.iterdir())


@pytest.mark.django_db
def test_generated_reports_have_names_nobody_can_guess(client, official):
    """MEDIA may be served by the web server without Kring's access checks."""
    from django.urls import reverse

    from kring.impact.models import ImpactReport

    client.force_login(official)
    client.post(reverse("impact:report_start"), {"year": 2025})
    report = ImpactReport.objects.get()
    for stored in (report.pdf, report.xlsx, report.csv):
        random_part = stored.name.rsplit("-", 1)[-1].split(".")[0]
        assert len(random_part) >= 16, stored.name


def test_import_files_are_limited_and_never_in_media(settings):
    from kring.imports.models import import_storage

    settings.KRING_IMPORT_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="te groot"):
        check(UploadForm, "file", SimpleUploadedFile("a.csv", b"naam;e-mail\n" * 5, "text/csv"))
    media = str(settings.MEDIA_ROOT.resolve())
    assert not import_storage.location.startswith(media)

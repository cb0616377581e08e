"""News, publications and pictures of the public site, and the pictures in their rich texts."""

import secrets

from django.db import models, transaction
from django.utils.text import slugify

from kring.core import audit
from kring.core.locking import check_version

from ..models import Article, EditorImage, Meeting, Picture, Publication, Theme
from ..richtext import sanitize


@transaction.atomic
def save_editor_image(*, editor, upload) -> EditorImage:
    """Store a picture for a rich text. ``upload`` has been through
    kring.core.images.clean_uploaded_image (checked, re-encoded, no metadata); it gets a random
    name, so its address is one the sanitiser accepts and nobody can guess."""
    if not getattr(editor, "is_network_editor", False):
        raise PermissionError("only network editors upload pictures for rich text")
    extension = upload.name.rsplit(".", 1)[-1]
    image = EditorImage(uploaded_by=editor)
    image.image.save(f"{secrets.token_hex(12)}.{extension}", upload, save=False)
    image.save()
    return image


@transaction.atomic
def delete_public_item(*, editor, item: Article | Publication | Meeting) -> dict:
    """Delete a news item, publication or meeting for good, with its uploaded files (removed
    once the transaction commits). Links from other items go; a meeting takes its
    registrations with it. Logged, with numbers only."""
    if not getattr(editor, "is_network_editor", False):
        raise PermissionError("only network editors delete public items")
    files = [
        (getattr(item, field.name).storage, getattr(item, field.name).name)
        for field in item._meta.concrete_fields
        if isinstance(field, models.FileField) and getattr(item, field.name)
    ]
    registrations = item.registrations.count() if isinstance(item, Meeting) else 0
    summary = f"{item._meta.model_name} verwijderd"
    if registrations:
        summary += f" met {registrations} aanmeldingen"
    audit.record(
        actor=editor, collective=None, action=audit.Action.DELETE, target=item, summary=summary
    )
    item.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return {"files": len(files), "registrations": registrations}


def _set_themes(obj, names: list[str]) -> None:
    themes = []
    for name in names:
        theme = Theme.objects.filter(name__iexact=name).first()
        if theme is None:
            theme = Theme.objects.create(name=name, slug=_free_theme_slug(name))
        themes.append(theme)
    obj.themes.set(themes)


def _free_theme_slug(name: str) -> str:
    base = slugify(name)[:70] or "thema"
    slug, n = base, 2
    while Theme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_article(
    *,
    editor,
    article: Article,
    theme_names: list[str],
    collectives,
    publications,
    expected_version: int | None = None,
) -> Article:
    check_version(article, expected_version)
    article.body = sanitize(article.body)
    if article.author_id is None:
        article.author = editor
    article.save()
    article.collectives.set(collectives)
    article.publications.set(publications)
    _set_themes(article, theme_names)
    return article


@transaction.atomic
def save_publication(
    *,
    editor,
    publication: Publication,
    theme_names: list[str],
    expected_version: int | None = None,
) -> Publication:
    check_version(publication, expected_version)
    publication.body = sanitize(publication.body)
    if publication.file:
        publication.file_size = publication.file.size
    publication.save()
    _set_themes(publication, theme_names)
    return publication


@transaction.atomic
def save_picture(
    *, editor, picture: Picture, theme_names: list[str], expected_version: int | None = None
) -> Picture:
    check_version(picture, expected_version)
    picture.save()
    _set_themes(picture, theme_names)
    return picture

"""Rich text from editors is sanitised with nh3 (Ammonia) before it is stored: only the tags a
news item needs, links made safe, nothing that runs or styles. Pictures only from Kring's own
folder for editors' uploads (``EditorImage``), never from another host."""

import re

import nh3
from django.conf import settings

TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}}
EDITOR_IMAGES = "public/editor/"
_SAFE_PATH = re.compile(r"[A-Za-z0-9_\-]{1,120}\.(?:jpg|png|webp)")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def is_own_image(src: str) -> bool:
    """True for a picture in the editors' upload folder under MEDIA_URL, and nothing else:
    no other host, no '..', no query, no odd characters."""
    prefix = settings.MEDIA_URL + EDITOR_IMAGES
    if not src.startswith(prefix):
        return False
    rest = src[len(prefix) :]
    return bool(_SAFE_PATH.fullmatch(rest))


def _filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return value if is_own_image(value) else None
    if element == "img" and attribute in ("width", "height"):
        return value if value.isdigit() and len(value) <= 4 else None
    return value


def sanitize(html: str) -> str:
    cleaned = nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    # A picture whose address was refused is dropped entirely.
    return _IMG_WITHOUT_SRC.sub("", cleaned)

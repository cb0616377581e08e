"""Rich text from editors is sanitised with nh3 (Ammonia) before it is stored: only the tags a
news item needs, links made safe, nothing that runs or styles."""

import nh3

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


def sanitize(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()

"""Where a collective's free texts mention a resident by name (read before an erasure).

A name is matched as whole words, without regard to capitals or accents ("Zoë" = "zoe"): the
full name, the first name, the last name with its tussenvoegsel ("van der Berg") and the last
name without it ("Berg"). Parts shorter than two letters are left out. Only the resident's own
collective is read, through the places in ``text_places.PLACES``."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.urls import NoReverseMatch, reverse

from .text_places import PLACES, TextPlace

# Dutch name particles: "Noor van der Berg" is also "Berg", but never just "van".
PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "ten",
    "ter",
    "te",
    "in",
    "t",
    "'t",
    "op",
    "la",
    "le",
    "du",
    "da",
    "di",
    "el",
    "al",
    "bin",
    "ben",
    "von",
    "zu",
}
MASK = "…"
EXCERPT_CHARS = 60


def fold(text: str) -> tuple[str, list[int]]:
    """Lower case without accents, with each folded character's position in ``text`` (used
    for names, which are short; texts are matched through ``_pattern_for``)."""
    out, where = [], []
    for i, char in enumerate(text):
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        ).casefold()
        out.append(plain)
        where.extend([i] * len(plain))
    return "".join(out), where


def name_variants(name: str) -> list[str]:
    """The folded forms of a name to look for, longest first."""
    words = fold(" ".join(name.split()))[0].split(" ")
    words = [w for w in words if w]
    if not words:
        return []
    variants = {" ".join(words)}
    if len(words) > 1:
        variants.add(words[0])
        variants.add(" ".join(words[1:]))
        core = words[1:]
        while core and core[0] in PARTICLES:
            core = core[1:]
        if core:
            variants.add(" ".join(core))
    else:
        variants.add(words[0])
    return sorted(
        (v for v in variants if len(v.replace(" ", "")) >= 2 and v not in PARTICLES),
        key=lambda v: (-len(v), v),
    )


COMBINING = "\u0300-\u036f"


@lru_cache(maxsize=1)
def _letter_forms() -> dict[str, str]:
    """Per folded letter, every Latin character that folds to it ("e": "eEéÉèëê…")."""
    forms: dict[str, set[str]] = {}
    for code in (*range(0x20, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        plain = fold(char)[0]
        if len(plain) == 1:
            forms.setdefault(plain, {plain}).add(char)
    return {letter: "".join(sorted(chars)) for letter, chars in forms.items()}


def _pattern_for(variant: str) -> str:
    """A regular expression that finds ``variant`` in unfolded text: each letter as the class
    of its accented forms (and any combining accents after it), spaces as any white space.
    Matching the original text keeps positions exact and runs at the speed of ``re``."""
    forms = _letter_forms()
    parts = []
    for char in variant:
        if char == " ":
            parts.append(r"\s+")
            continue
        chars = forms.get(char, char)
        parts.append(
            (
                "[" + "".join(re.escape(c) for c in chars) + "]"
                if len(chars) > 1
                else re.escape(char)
            )
            + f"[{COMBINING}]*"
        )
    return "".join(parts)


class NameMatcher:
    """Finds a resident's name in texts; whole words only ("Noor" is not in "Noorderpark")."""

    def __init__(self, name: str):
        variants = name_variants(name)
        self.pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(map(_pattern_for, variants)) + r")(?!\w)",
                re.IGNORECASE,
            )
            if variants
            else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the name stands in ``text``."""
        if not text or self.pattern is None:
            return []
        return [m.span() for m in self.pattern.finditer(text)]

    def mask(self, text: str) -> str:
        """The text with every mention of the name replaced by ``MASK``."""
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(MASK, text)


@dataclass(frozen=True)
class Mention:
    """One field of one record whose text names the resident."""

    place: TextPlace
    pk: int
    field: str
    title: str  # the record's name, with the resident's name masked
    excerpt_before: str
    excerpt_match: str
    excerpt_after: str
    url: str
    count: int

    @property
    def key(self) -> str:
        return mention_key(self.place.model, self.pk, self.field)

    @property
    def field_label(self) -> str:
        return str(self.place.model_class()._meta.get_field(self.field).verbose_name)

    @property
    def model_label(self) -> str:
        return self.place.model.lower()


def mention_key(model: str, pk, field: str) -> str:
    return f"{model.lower()}:{pk}:{field}"


def parse_key(key: str) -> tuple[str, int, str] | None:
    """A key sent back by the erase form, or None when it is no key (any text may be sent)."""
    parts = key.split(":")
    # ASCII digits only, and a number any database column can hold.
    if len(parts) != 3 or not re.fullmatch(r"[0-9]{1,18}", parts[1]):
        return None
    return parts[0], int(parts[1]), parts[2]


def _excerpt(text: str, start: int, end: int) -> tuple[str, str, str]:
    before = text[max(0, start - EXCERPT_CHARS) : start]
    after = text[end : end + EXCERPT_CHARS]
    if start > EXCERPT_CHARS:
        before = MASK + before.lstrip()
    if end + EXCERPT_CHARS < len(text):
        after = after.rstrip() + MASK
    return before, text[start:end], after


def place_url(place: TextPlace, slug: str, arg) -> str:
    args = [slug] if place.url_arg is None else [slug, arg]
    try:
        return reverse(place.url, args=args)
    except NoReverseMatch:  # an app not installed here
        return ""


class MentionFinder:
    """Reads every registered place of one collective for one name."""

    def __init__(self, *, collective, name: str):
        self.collective = collective
        self.matcher = NameMatcher(name)

    @cached_property
    def mentions(self) -> list["Mention"]:
        return list(self._find())

    def _find(self):
        if self.matcher.pattern is None:
            return
        slug = self.collective.slug
        for place in PLACES:
            model = place.model_class()
            rows = model._base_manager.filter(**{place.collective: self.collective.pk})
            if place.only:
                rows = rows.filter(**place.only)
            extra = [x for x in (place.url_arg, place.title) if x and x not in place.fields]
            search = self.matcher.pattern.search
            for row in rows.order_by("pk").values("pk", *dict.fromkeys(extra), *place.fields):
                # One search over the row's texts first: most rows name nobody.
                if not search("\n".join(row[field] or "" for field in place.fields)):
                    continue
                for field in place.fields:
                    text = row[field] or ""
                    spans = self.matcher.spans(text)
                    if not spans:
                        continue
                    title = row[place.title] if place.title else ""
                    yield Mention(
                        place=place,
                        pk=row["pk"],
                        field=field,
                        title=self.matcher.mask(str(title or "")),
                        excerpt_before=_excerpt(text, *spans[0])[0],
                        excerpt_match=text[spans[0][0] : spans[0][1]],
                        excerpt_after=_excerpt(text, *spans[0])[2],
                        url=place_url(place, slug, row[place.url_arg] if place.url_arg else None),
                        count=len(spans),
                    )

    def still_mentions(self, key: str) -> bool:
        return any(m.key == key for m in self.mentions)


def find_mentions(*, collective, name: str) -> list[Mention]:
    """Every free-text place of ``collective`` that names ``name``."""
    return MentionFinder(collective=collective, name=name).mentions

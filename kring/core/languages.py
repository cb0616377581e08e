"""Texts that Kring seeds in Dutch and English (opgaven, themes, the self-scan, social value
proxies, the academy's pictures, the map credit): the one way to show them in the reader's
language.

A model keeps its Dutch text in a field (``name``) and the English beside it in a field with
``_en`` added (``name_en``, blank when nobody wrote it). ``obj.localized.name`` (in Python and
in templates) gives the English when the interface is English and an English text exists,
otherwise the Dutch. Texts that are fixed in code use gettext instead."""

from django.conf import settings
from django.utils.translation import get_language


def english_active() -> bool:
    """Whether the reader's interface is English now."""
    return (get_language() or "").split("-")[0] == "en"


def in_language(dutch: str, english: str) -> str:
    """The English text when the interface is English and it is filled in, else the Dutch."""
    if english and english.strip() and english_active():
        return english
    return dutch


class _Localized:
    """``obj.localized.<field>``: the field in the reader's language."""

    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, field: str) -> str:
        if field.startswith("_"):
            raise AttributeError(field)
        dutch = getattr(self._obj, field)
        return in_language(dutch, getattr(self._obj, f"{field}_en", "") or "")


class EnglishText:
    """Mixin for a model with ``<field>_en`` twins of its Dutch text fields."""

    @property
    def localized(self) -> _Localized:
        return _Localized(self)


def map_credit() -> str:
    """The credit under a map (``KRING_MAP_TILES_ATTRIBUTION``), in English when the interface
    is English and ``KRING_MAP_TILES_ATTRIBUTION_EN`` is set."""
    return in_language(
        getattr(settings, "KRING_MAP_TILES_ATTRIBUTION", ""),
        getattr(settings, "KRING_MAP_TILES_ATTRIBUTION_EN", ""),
    )

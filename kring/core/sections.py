"""Sections that apps on higher floors add to a page that lives on a lower floor.

The page's app may not import the apps above it, so they announce what they add: in
``AppConfig.ready`` an app registers a provider with one of the registries (``overview`` for a
collective's "Wat is er al", ``resident_page`` for a resident's page). A provider takes the
page's arguments and returns a ``Section`` (a template name and its context) or None; the page
renders what is registered, in the order of ``position``."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


class Sections:
    """One page's registry of section providers."""

    def __init__(self) -> None:
        self._providers: dict[str, tuple[int, Callable]] = {}

    def register(self, name: str, provider: Callable, *, position: int = 100) -> None:
        """Add (or replace, by ``name``) a provider: ``provider(*args) -> Section | None``."""
        self._providers[name] = (position, provider)

    def unregister(self, name: str) -> None:
        self._providers.pop(name, None)

    def sections(self, *args) -> list[Section]:
        out = []
        for _position, provider in sorted(self._providers.values(), key=lambda item: item[0]):
            section = provider(*args)
            if section is not None:
                out.append(section)
        return out


# A collective's overview ("Wat is er al", kring.communities): provider(access).
overview = Sections()
# A resident's page (kring.people): provider(access, resident).
resident_page = Sections()

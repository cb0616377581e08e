"""Sections that apps on higher floors add to a collective's overview page ("Wat is er al").

The overview lives in ``kring.communities`` (floor 2) and may not import the apps above it,
so they announce what they add: in ``AppConfig.ready`` an app calls ``register`` with a
function that takes the collective access and returns a ``Section`` (a template name and its
context) or None. The overview renders what is registered, in the order of ``position``."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


_providers: dict[str, tuple[int, Callable]] = {}


def register(name: str, provider: Callable, *, position: int = 100) -> None:
    """Add (or replace, by ``name``) a provider: ``provider(access) -> Section | None``."""
    _providers[name] = (position, provider)


def unregister(name: str) -> None:
    _providers.pop(name, None)


def sections(access) -> list[Section]:
    out = []
    for _position, provider in sorted(_providers.values(), key=lambda item: item[0]):
        section = provider(access)
        if section is not None:
            out.append(section)
    return out

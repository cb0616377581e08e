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
        self._providers: dict[str, tuple[int, Callable, int, Callable | None]] = {}
        self._shows: dict[str, tuple[str, ...] | None] = {}

    def register(
        self,
        name: str,
        provider: Callable,
        *,
        position: int = 100,
        kept_for: int = 0,
        varies: Callable | None = None,
        shows: tuple[str, ...] | None = None,
    ) -> None:
        """Add (or replace, by ``name``) a provider: ``provider(*args) -> Section | None``.
        ``kept_for`` (seconds): the section shows only the collective's data, as its role may
        see it (the tables ``kring.core.versioning`` watches), so the page may keep it rendered
        in the page cache that long; 0: never kept. ``shows``: the kinds of data it shows
        (``kring.core.versioning``), whose versions it is kept under; None: every kind (any
        write to the collective drops it). ``varies(*args) -> tuple of str``: what else the
        kept section depends on (today's date for "this year", the viewer for something of
        their own); it becomes part of the key."""
        self._providers[name] = (position, provider, kept_for, varies)
        self._shows[name] = tuple(shows) if shows is not None else None

    def shows(self, name: str | None = None) -> tuple[str, ...] | None:
        """The kinds of data one section shows, or (no ``name``) all of them together; None:
        every kind."""
        names = [name] if name is not None else list(self._providers)
        together: set[str] = set()
        for one in names:
            kinds = self._shows.get(one)
            if kinds is None:
                return None
            together.update(kinds)
        return tuple(sorted(together))

    def all_kept(self) -> bool:
        """Whether every registered provider may be kept (``kept_for``) with nothing else it
        depends on (``varies``): only then may a page keep a body that includes its sections."""
        return all(
            kept_for and varies is None
            for _position, _provider, kept_for, varies in self._providers.values()
        )

    def unregister(self, name: str) -> None:
        self._providers.pop(name, None)
        self._shows.pop(name, None)

    def sections(self, *args, keep: Callable | None = None) -> list[Section]:
        """The sections in order. ``keep(name, seconds, make, varies)``, when given, is asked
        for the kept ones instead of calling their provider (``make()`` does; ``varies`` is the
        tuple of ``varies(*args)``, empty without it)."""
        out = []
        ordered = sorted(self._providers.items(), key=lambda item: item[1][0])
        varied = {
            name: tuple(varies(*args)) if varies is not None else ()
            for name, (_position, _provider, kept_for, varies) in ordered
            if kept_for
        }
        # ``keep.prefetch([(name, varies), …])``, when it has one: told every kept section
        # first, so it can read them all at once.
        prefetch = getattr(keep, "prefetch", None)
        if prefetch is not None:
            prefetch(list(varied.items()))
        for name, (_position, provider, kept_for, _varies) in ordered:
            if kept_for and keep is not None:
                section = keep(
                    name, kept_for, lambda provider=provider: provider(*args), varied[name]
                )
            else:
                section = provider(*args)
            if section is not None:
                out.append(section)
        return out


# A collective's overview ("Wat is er al", kring.communities): provider(access).
overview = Sections()
# A resident's page (kring.people): provider(access, resident).
resident_page = Sections()

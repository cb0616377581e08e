"""Sections that apps on higher floors add to a collective's overview page ("Wat is er al").

The overview lives in ``kring.communities`` (floor 2) and may not import the apps above it,
so they announce what they add: in ``AppConfig.ready`` an app calls ``register`` with a
function that takes the collective access and returns a ``Section`` (a template name and its
context) or None. The overview renders what is registered, in the order of ``position``.
The registry itself is ``kring.core.sections.overview``."""

from .sections import Section
from .sections import overview as _registry

__all__ = ["Section", "register", "sections", "shows", "unregister"]

register = _registry.register
unregister = _registry.unregister
sections = _registry.sections
shows = _registry.shows

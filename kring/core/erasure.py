"""Erasure asks every app for its part, so an app with personal data cannot be forgotten.

The erasure itself lives in ``kring.privacy`` (``services.erase_resident``); apps that hold
data about a resident register here, in the core, so that none of them imports the privacy
app and the privacy app need not know them. In ``AppConfig.ready`` each calls ``register`` with
the models it answers for and, when it has something to do, a function
``part(*, resident, actor, login, email)`` that erasure runs inside its transaction, after the
resident's own record was emptied (``login`` says what happened to their log-in: "none",
"unlinked" or "deleted"; ``email`` is the address they had). ``tests/privacy/test_erasure_parts.py``
lists every model that points at a resident and requires each to be named by a part.
Data kept past its time is asked for by the retention run through ``kring.core.retention``."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    name: str
    models: frozenset[str]
    run: Callable[..., object] | None
    position: int


_parts: dict[str, Part] = {}


def register(
    name: str,
    part: Callable[..., object] | None = None,
    *,
    models: Iterable[str],
    position: int = 100,
) -> None:
    """Add (or replace, by ``name``) a part. ``models`` are lower-case labels
    ("exports.archivejob"); ``part`` may be None for models whose only personal data is the
    link to the resident's record, which stays as an empty shell."""
    _parts[name] = Part(name, frozenset(models), part, position)


def unregister(name: str) -> None:
    _parts.pop(name, None)


def parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda part: (part.position, part.name))


def covered_models() -> set[str]:
    return {label for part in _parts.values() for label in part.models}


def run_parts(*, resident, actor, login: str, email: str) -> None:
    for part in parts():
        if part.run is not None:
            part.run(resident=resident, actor=actor, login=login, email=email)

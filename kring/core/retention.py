"""Retention asks every app for what it keeps past its time, so the daily run (in
``kring.privacy.retention``) need not know the apps and none of them imports privacy.

In ``AppConfig.ready`` an app calls ``register(name, purge, what=..., period=...)``:
``purge(*, dry_run) -> int`` removes (or, in a dry run, only counts) its own old data and says
how many; ``what`` names it for the report ("moving archives deleted") and ``period()`` says
after how long, read from the settings at run time ("24 hours"). Erasure, which removes one
resident at once, has its own registry: ``kring.core.erasure``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Purge:
    name: str
    run: Callable[..., int]
    what: str
    period: Callable[[], str]
    position: int


_purges: dict[str, Purge] = {}


def register(
    name: str,
    purge: Callable[..., int],
    *,
    what: str,
    period: Callable[[], str],
    position: int = 100,
) -> None:
    """Add (or replace, by ``name``) a purge."""
    _purges[name] = Purge(name, purge, what, period, position)


def unregister(name: str) -> None:
    _purges.pop(name, None)


def purges() -> list[Purge]:
    return sorted(_purges.values(), key=lambda purge: (purge.position, purge.name))


def run_all(*, dry_run: bool) -> list[tuple[str, int, str]]:
    """Run every registered purge; (what, how many, after how long) for each, in order."""
    return [(p.what, p.run(dry_run=dry_run), p.period()) for p in purges()]


def hours(setting: str) -> Callable[[], str]:
    """``period`` for a setting counted in hours, read when the run reports."""
    return _reader(setting, "{} hours")


def days(setting: str) -> Callable[[], str]:
    """``period`` for a setting counted in days, read when the run reports."""
    return _reader(setting, "{} days")


def _reader(setting: str, text: str) -> Callable[[], str]:
    def period() -> str:
        return text.format(getattr(settings, setting))

    return period

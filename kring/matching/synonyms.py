"""The installation's synonym list, read from the database and kept per process until the list
changes (its version is checked by every search, so an edit in the admin counts at once)."""

import threading
from dataclasses import dataclass

from django.db import connection

from . import analysis
from .models import SynonymGroup


@dataclass(frozen=True)
class Phrase:
    text: str  # as written in the list, for the reason shown to the user
    keys: tuple[str, ...]


class SynonymTable:
    def __init__(self, groups: list[list[str]]):
        self.phrases_by_key: dict[tuple[str, ...], list[tuple[Phrase, list[Phrase]]]] = {}
        self.longest = 1
        for terms in groups:
            phrases = []
            for text in terms:
                keys = tuple(analysis.key(w) for w in analysis.words(text))
                if keys and all(p.keys != keys for p in phrases):
                    phrases.append(Phrase(text=text, keys=keys))
            for phrase in phrases:
                others = [p for p in phrases if p is not phrase]
                if others:
                    self.phrases_by_key.setdefault(phrase.keys, []).append((phrase, others))
                    self.longest = max(self.longest, len(phrase.keys))

    def lookup(self, keys: tuple[str, ...]) -> list[tuple[Phrase, list[Phrase]]]:
        return self.phrases_by_key.get(keys, [])


_cache: dict = {"version": None, "table": SynonymTable([])}
_lock = threading.Lock()

# What tells a change of the list: how many groups and when one last changed. The search reads
# it in its candidate query (see engine.candidates), so a search costs no query of its own here.
VERSION_SQL = (
    f"SELECT COUNT(*) AS groups, MAX(updated_at) AS changed FROM {SynonymGroup._meta.db_table}"
)


def cached() -> tuple[object, SynonymTable]:
    """The table this process holds and its version (None before the first read)."""
    with _lock:
        return _cache["version"], _cache["table"]


def load(version) -> SynonymTable:
    """Read the list again, now that the database says its version is ``version``."""
    groups = [g.term_list() for g in SynonymGroup.objects.all()]
    table = SynonymTable(groups)
    with _lock:
        _cache.update(version=version, table=table)
    return table


def current() -> SynonymTable:
    """The list as it is in the database now (one small query, and the list when it changed)."""
    # Plain SQL: compiling the ORM aggregate cost more than running it, on every search.
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        version = cursor.fetchone()
    known, table = cached()
    if version != known:
        table = load(version)
    return table

"""The installation's synonym list, read from the database and kept per process until the list
changes (checked with one small query per search, so an edit in the admin counts at once)."""

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


def current() -> SynonymTable:
    # Plain SQL: compiling the ORM aggregate cost more than running it, on every search.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(updated_at) FROM {SynonymGroup._meta.db_table}")
        version = cursor.fetchone()
    if version != _cache["version"]:
        groups = [g.term_list() for g in SynonymGroup.objects.all()]
        table = SynonymTable(groups)
        with _lock:
            _cache.update(version=version, table=table)
    return _cache["table"]

"""Scores of the self-scan, without the database: a theme's score is the mean of its
statements' answers (reversed statements turned round), over every handed-in response of a
round, on the scale 1–5. The level picks the theme's suggestions."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Statement, Theme

LOW_BELOW = 2.5
HIGH_FROM = 3.5
LEVEL_LABELS = {
    "low": _("begin"),
    "middle": _("onderweg"),
    "high": _("sterk"),
}


def level_for(score: float | None) -> str | None:
    if score is None:
        return None
    if score < LOW_BELOW:
        return "low"
    if score < HIGH_FROM:
        return "middle"
    return "high"


@dataclass
class ThemeScore:
    theme: Theme
    score: float | None  # None: nobody answered a statement of this theme
    answers: int

    @property
    def level(self) -> str | None:
        return level_for(self.score)

    @property
    def level_label(self):
        return LEVEL_LABELS.get(self.level, _("nog geen antwoorden"))

    @property
    def suggestion(self) -> str:
        return {
            "low": self.theme.localized.suggestion_low,
            "middle": self.theme.localized.suggestion_middle,
            "high": self.theme.localized.suggestion_high,
        }.get(self.level, "")

    @property
    def rounded(self) -> float | None:
        return None if self.score is None else round(self.score, 1)


def theme_scores(
    themes: Iterable[Theme], counts: Iterable[tuple[Statement, int, int]]
) -> list[ThemeScore]:
    """``counts``: (statement, value given, how many gave it). Themes keep their order."""
    totals: dict[int, list[int]] = {}
    for statement, value, number in counts:
        total = totals.setdefault(statement.theme_id, [0, 0])
        total[0] += statement.score(value) * number
        total[1] += number
    result = []
    for theme in themes:
        points, number = totals.get(theme.pk, (0, 0))
        result.append(ThemeScore(theme, points / number if number else None, number))
    return result


@dataclass
class Change:
    theme: Theme
    before: ThemeScore
    after: ThemeScore

    @property
    def difference(self) -> float | None:
        if self.before.score is None or self.after.score is None:
            return None
        return round(self.after.score - self.before.score, 1)


def compare(before: list[ThemeScore], after: list[ThemeScore]) -> list[Change]:
    later = {score.theme.pk: score for score in after}
    return [Change(score.theme, score, later[score.theme.pk]) for score in before]

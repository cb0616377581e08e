"""Scores and suggestions: mean per theme, reversed statements turned round, levels."""

import pytest

from kring.selfscan import selectors
from kring.selfscan.models import Response, Statement, Theme
from kring.selfscan.scoring import compare, level_for, theme_scores

from .conftest import fill_in


def test_level_boundaries():
    assert level_for(None) is None
    assert level_for(1.0) == "low"
    assert level_for(2.49) == "low"
    assert level_for(2.5) == "middle"
    assert level_for(3.49) == "middle"
    assert level_for(3.5) == "high"
    assert level_for(5.0) == "high"


def test_reversed_statement_counts_the_other_way_round():
    theme = Theme(pk=1, title="T")
    plain = Statement(pk=1, theme=theme, text="a")
    turned = Statement(pk=2, theme=theme, text="b", is_reversed=True)
    # "klopt helemaal" (5) on a reversed statement is as bad as "klopt helemaal niet" (1).
    scores = theme_scores([theme], [(plain, 5, 1), (turned, 5, 1)])
    assert scores[0].score == pytest.approx(3.0)
    assert scores[0].answers == 2
    scores = theme_scores([theme], [(plain, 5, 3), (turned, 1, 1)])
    assert scores[0].score == pytest.approx(5.0)
    assert scores[0].level == "high"
    assert scores[0].suggestion == theme.suggestion_high


def test_a_theme_without_answers_has_no_score_and_no_suggestion():
    theme = Theme(pk=1, title="T", suggestion_low="laag")
    [score] = theme_scores([theme], [])
    assert score.score is None and score.level is None and score.suggestion == ""


def test_suggestion_follows_the_level():
    theme = Theme(pk=1, suggestion_low="laag", suggestion_middle="midden", suggestion_high="hoog")
    statement = Statement(pk=1, theme=theme)
    assert theme_scores([theme], [(statement, 2, 1)])[0].suggestion == "laag"
    assert theme_scores([theme], [(statement, 3, 1)])[0].suggestion == "midden"
    assert theme_scores([theme], [(statement, 4, 1)])[0].suggestion == "hoog"


def test_compare_gives_the_difference_per_theme():
    theme = Theme(pk=1)
    statement = Statement(pk=1, theme=theme)
    before = theme_scores([theme], [(statement, 2, 2)])
    after = theme_scores([theme], [(statement, 4, 1), (statement, 3, 1)])
    [change] = compare(before, after)
    assert change.difference == pytest.approx(1.5)
    assert compare(before, theme_scores([theme], []))[0].difference is None


@pytest.mark.django_db
def test_starter_set_has_six_themes_with_statements_and_suggestions(themes):
    assert len(themes) >= 6
    for theme in themes:
        assert 4 <= len(theme.statements.all()) <= 6, theme.key
        assert theme.suggestion_low and theme.suggestion_middle and theme.suggestion_high
    assert {"vertrouwen", "flexibel-geld", "regels", "gebiedsgericht", "stap-terug"} <= {
        t.key for t in themes
    }


@pytest.mark.django_db
def test_round_scores_count_only_handed_in_responses(municipality, make_round, themes):
    scan_round = make_round(municipality, started_on="2026-01-01", answers=[lambda s: s.score(5)])
    draft = Response.objects.create(round=scan_round, respondent=None)
    fill_in(draft, lambda s: s.score(1))  # a draft: does not count
    scores = selectors.round_scores(scan_round)
    assert [s.score for s in scores] == [pytest.approx(5.0)] * len(themes)
    assert all(s.answers == len(s.theme.statements.all()) for s in scores)


@pytest.mark.django_db
def test_round_scores_average_over_colleagues(municipality, make_round, themes):
    scan_round = make_round(
        municipality,
        started_on="2026-01-01",
        answers=[lambda s: s.score(2), lambda s: s.score(3), lambda s: s.score(5)],
    )
    for score in selectors.round_scores(scan_round):
        assert score.score == pytest.approx(10 / 3)
        assert score.level == "middle"


def test_chart_wraps_long_titles_escapes_text_and_writes_every_number():
    from kring.selfscan.charts import profile_svg

    theme = Theme(
        pk=1, title="Een heel lange titel <b>met</b> veel woorden die niet op één regel past"
    )
    other = Theme(pk=2, title="Kort")
    statement = Statement(pk=1, theme=theme)
    first = theme_scores([theme, other], [(statement, 2, 1)])
    second = theme_scores([theme, other], [(statement, 4, 1)])
    svg = str(profile_svg([("Eerst", first), ("Daarna & later", second)], ident="x"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "Daarna &amp; later" in svg
    assert svg.count('font-weight="700"') == 3  # the long title on two lines, "Kort" on one
    assert "2,0" in svg and "4,0" in svg and svg.count("geen antwoord") == 2
    assert 'fill="url(#x-hatch)"' in svg  # the second round is hatched

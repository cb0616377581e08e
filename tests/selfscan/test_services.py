"""Rounds over time, drafts, handing in, and what the services refuse."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kring.selfscan import selectors, services
from kring.selfscan.models import Answer, Response, ScanRound, Statement


@pytest.mark.django_db
def test_a_new_round_closes_the_open_one(official, colleague):
    first = services.start_round(user=official, name="Voorjaar")
    second = services.start_round(user=colleague, name="")
    first.refresh_from_db()
    assert first.closed_on == timezone.localdate()
    assert second.is_open and second.name.startswith("Ronde van")
    assert second.municipality_id == official.municipality_id
    assert list(selectors.rounds_of(official)) == [first, second]


@pytest.mark.django_db
def test_database_keeps_one_open_round_per_gemeente(official):
    services.start_round(user=official)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScanRound.objects.create(
            municipality=official.municipality, name="x", started_on=timezone.localdate()
        )


@pytest.mark.django_db
def test_only_municipality_users_start_a_round(alice):
    with pytest.raises(services.ScanError):
        services.start_round(user=alice)


@pytest.mark.django_db
def test_draft_saves_per_theme_and_can_be_changed(official, themes):
    scan_round = services.start_round(user=official)
    theme = themes[0]
    first, second, *_ = theme.statements.all()
    services.save_answers(
        user=official, scan_round=scan_round, theme=theme, values={first.pk: 2, second.pk: 5}
    )
    services.save_answers(
        user=official, scan_round=scan_round, theme=theme, values={first.pk: 4, second.pk: None}
    )
    response = Response.objects.get(round=scan_round, respondent=official)
    assert response.submitted_at is None
    assert selectors.my_answers(response) == {first.pk: 4}


@pytest.mark.django_db
def test_answers_of_another_theme_are_refused(official, themes):
    scan_round = services.start_round(user=official)
    stranger = themes[1].statements.all()[0]
    with pytest.raises(services.ScanError):
        services.save_answers(
            user=official, scan_round=scan_round, theme=themes[0], values={stranger.pk: 3}
        )
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_another_gemeente_cannot_write_in_a_round(official, other_official, themes):
    scan_round = services.start_round(user=official)
    statement = themes[0].statements.all()[0]
    with pytest.raises(services.ScanError):
        services.save_answers(
            user=other_official, scan_round=scan_round, theme=themes[0], values={statement.pk: 3}
        )
    with pytest.raises(services.ScanError):
        services.close_round(user=other_official, scan_round=scan_round)
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_closed_round_takes_no_answers(official, themes):
    scan_round = services.start_round(user=official)
    services.close_round(user=official, scan_round=scan_round)
    statement = themes[0].statements.all()[0]
    with pytest.raises(services.ScanError):
        services.save_answers(
            user=official, scan_round=scan_round, theme=themes[0], values={statement.pk: 3}
        )


@pytest.mark.django_db
def test_hand_in_needs_every_statement(official, themes):
    scan_round = services.start_round(user=official)
    for theme in themes[:-1]:
        services.save_answers(
            user=official,
            scan_round=scan_round,
            theme=theme,
            values={s.pk: 3 for s in theme.statements.all()},
        )
    with pytest.raises(services.ScanError, match=themes[-1].title):
        services.submit_response(user=official, scan_round=scan_round, theme_list=themes)
    last = themes[-1]
    services.save_answers(
        user=official,
        scan_round=scan_round,
        theme=last,
        values={s.pk: 3 for s in last.statements.all()},
    )
    response = services.submit_response(user=official, scan_round=scan_round, theme_list=themes)
    assert response.submitted_at is not None
    assert Answer.objects.filter(response=response).count() == Statement.objects.count()


@pytest.mark.django_db
def test_results_follow_the_change_over_time(official, colleague, themes):
    """Two rounds: the second scores higher, and the comparison says so per theme."""
    from kring.selfscan.scoring import compare

    for user_value in ((official, 2), (colleague, 2)), ((official, 4), (colleague, 5)):
        scan_round = services.start_round(user=official)
        for user, value in user_value:
            for theme in themes:
                services.save_answers(
                    user=user,
                    scan_round=scan_round,
                    theme=theme,
                    values={s.pk: s.score(value) for s in theme.statements.all()},
                )
            services.submit_response(user=user, scan_round=scan_round, theme_list=themes)
    first, second = selectors.rounds_of(official)
    assert first.closed_on is not None and second.is_open
    assert first.handed_in == 2 and second.handed_in == 2
    changes = compare(selectors.round_scores(first), selectors.round_scores(second))
    assert [c.difference for c in changes] == [pytest.approx(2.5)] * len(themes)
    assert {c.before.level for c in changes} == {"low"}
    assert {c.after.level for c in changes} == {"high"}

"""The pages: who may see them, drafts through the form, results, PDF and comparison, and
bad input (400 with the Dutch summary, nothing stored)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.selfscan import services
from kring.selfscan.models import Answer, Response, ScanRound

from .conftest import fill_in


@pytest.fixture
def scan_round(official):
    return services.start_round(user=official, name="Zomerronde Wijkwerk")


@pytest.fixture
def other_round(other_official, make_round):
    return make_round(
        other_official.municipality,
        started_on="2026-01-01",
        name="Amsterdamse ronde",
        answers=[lambda s: 2],
    )


def pages(scan_round, theme_key="vertrouwen"):
    return [
        reverse("selfscan:index"),
        reverse("selfscan:fill", kwargs={"theme": theme_key}),
        reverse("selfscan:compare"),
        reverse("selfscan:results", kwargs={"round": scan_round.pk}),
        reverse("selfscan:results_pdf", kwargs={"round": scan_round.pk}),
    ]


def _version() -> int:
    """The version of the answers the form shows: 0 before the first answer (one respondent)."""
    found = Response.objects.first()
    return found.version if found else 0


@pytest.mark.django_db
def test_own_gemeente_sees_every_page(client, official, scan_round, themes):
    client.force_login(official)
    for url in pages(scan_round):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "charlie", "mia"])
def test_collective_members_get_404(client, who, scan_round, request, themes):
    """Collective members, even of a collective in this gemeente, find nothing: a gemeente's
    scan stays private."""
    client.force_login(request.getfixturevalue(who))
    for url in pages(scan_round):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("selfscan:start"),
        reverse("selfscan:submit"),
        reverse("selfscan:close", kwargs={"round": scan_round.pk}),
        reverse("selfscan:fill", kwargs={"theme": "vertrouwen"}),
    ):
        assert client.post(url, {"name": "x", "s1": "3"}).status_code == 404, url
    scan_round.refresh_from_db()
    assert scan_round.is_open
    assert ScanRound.objects.count() == 1
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_another_gemeente_sees_only_its_own_scan(client, other_official, scan_round, themes):
    client.force_login(other_official)
    for url in pages(scan_round)[3:]:
        assert client.get(url).status_code == 404, url
    close = reverse("selfscan:close", kwargs={"round": scan_round.pk})
    assert client.post(close).status_code == 404
    # Its own pages work, and show nothing of the other gemeente's round.
    for url in pages(scan_round)[:3]:
        response = client.get(url)
        assert "Zomerronde Wijkwerk" not in response.content.decode(), url
    # Filling in goes to its own gemeente: no round yet, so first start one.
    assert client.get(pages(scan_round)[1]).status_code == 302
    scan_round.refresh_from_db()
    assert scan_round.is_open and not scan_round.responses.exists()


@pytest.mark.django_db
def test_round_of_another_gemeente_is_404(client, official, other_round):
    client.force_login(official)
    for name in ("selfscan:results", "selfscan:results_pdf"):
        assert client.get(reverse(name, kwargs={"round": other_round.pk})).status_code == 404
    assert (
        client.post(reverse("selfscan:close", kwargs={"round": other_round.pk})).status_code == 404
    )
    assert client.get("/municipality/selfscan/rounds/99999999999999999999999/").status_code == 404
    other_round.refresh_from_db()
    assert other_round.is_open


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(client, scan_round):
    response = client.get(reverse("selfscan:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_municipality_page_links_to_the_scan(client, official):
    client.force_login(official)
    body = client.get(reverse("geo:municipality")).content.decode()
    assert reverse("selfscan:index") in body


@pytest.mark.django_db
def test_fill_in_a_theme_as_draft_then_continue(client, official, scan_round, themes):
    client.force_login(official)
    theme = themes[0]
    url = reverse("selfscan:fill", kwargs={"theme": theme.key})
    page = client.get(url).content.decode()
    # One fieldset with a legend per statement, the scale spelled out.
    assert page.count("<legend>") == len(theme.statements.all())
    assert "klopt helemaal niet" in page and "klopt helemaal" in page
    first, second, *_ = theme.statements.all()
    response = client.post(
        url, {f"s{first.pk}": "2", f"s{second.pk}": "5", "next": "1", "version": _version()}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("selfscan:fill", kwargs={"theme": themes[1].key})
    mine = Response.objects.get(respondent=official)
    assert mine.submitted_at is None
    assert dict(mine.answers.values_list("statement_id", "value")) == {first.pk: 2, second.pk: 5}
    # Coming back later: the answers are still chosen.
    page = client.get(url).content.decode()
    assert f'name="s{first.pk}" value="2"' in page.replace(" required", "") or (
        f'value="2" name="s{first.pk}"' in page
    )
    assert "checked" in page
    index = client.get(reverse("selfscan:index")).content.decode()
    assert "U heeft nog niet ingeleverd." in index
    assert "2 van 5" in index
    # "Verder invullen" opens the first theme with open statements.
    again = reverse("selfscan:fill", kwargs={"theme": theme.key})
    assert f'<a class="button" href="{again}">Verder invullen</a>' in index


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "6", "drie", "-1", "99999999999999999999", "3.5"])
def test_a_value_outside_the_scale_is_refused(client, official, scan_round, themes, value):
    client.force_login(official)
    theme = themes[0]
    first, second, *_ = theme.statements.all()
    response = client.post(
        reverse("selfscan:fill", kwargs={"theme": theme.key}),
        {f"s{first.pk}": value, f"s{second.pk}": "4"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and "Kies een getal van 1 tot 5." in body
    assert 'value="4"' in body  # what was typed stays
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_unknown_theme_is_404(client, official, scan_round):
    client.force_login(official)
    assert client.get(reverse("selfscan:fill", kwargs={"theme": "bestaat-niet"})).status_code == 404


@pytest.mark.django_db
def test_without_open_round_the_form_sends_you_to_start(client, official, themes):
    client.force_login(official)
    response = client.get(reverse("selfscan:fill", kwargs={"theme": themes[0].key}))
    assert response.status_code == 302 and response["Location"] == reverse("selfscan:index")


@pytest.mark.django_db
def test_hand_in_incomplete_is_400_then_complete_counts(client, official, scan_round, themes):
    client.force_login(official)
    response = client.post(reverse("selfscan:submit"))
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    for theme in themes:
        client.post(
            reverse("selfscan:fill", kwargs={"theme": theme.key}),
            {**{f"s{s.pk}": "4" for s in theme.statements.all()}, "version": _version()},
        )
    response = client.post(reverse("selfscan:submit"))
    assert response.status_code == 302
    assert response["Location"] == reverse("selfscan:results", kwargs={"round": scan_round.pk})
    assert Response.objects.get(respondent=official).submitted_at is not None


@pytest.mark.django_db
def test_start_round_by_form_and_bad_name(client, official, scan_round):
    client.force_login(official)
    response = client.post(reverse("selfscan:start"), {"name": "x" * 101})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert ScanRound.objects.count() == 1
    response = client.post(reverse("selfscan:start"), {"name": "Najaar"})
    assert response.status_code == 302
    scan_round.refresh_from_db()
    assert not scan_round.is_open
    assert ScanRound.objects.get(closed_on__isnull=True).name == "Najaar"


@pytest.mark.django_db
def test_results_show_chart_table_and_suggestions(client, official, scan_round, themes):
    response = Response.objects.create(
        round=scan_round, respondent=official, submitted_at="2026-01-01T10:00Z"
    )
    fill_in(response, lambda s: s.score(2))
    client.force_login(official)
    body = client.get(reverse("selfscan:results", kwargs={"round": scan_round.pk})).content.decode()
    assert "<svg" in body and 'role="img"' in body and "<table" in body
    assert body.count("2,0") >= len(themes)  # in the chart and in the table
    for theme in themes:
        assert theme.suggestion_low in body
        assert theme.suggestion_high not in body
    assert "print.css" in body


@pytest.mark.django_db
def test_results_pdf(client, official, scan_round, themes):
    fill_in(
        Response.objects.create(round=scan_round, respondent=None, submitted_at="2026-01-01T10:00Z")
    )
    client.force_login(official)
    response = client.get(reverse("selfscan:results_pdf", kwargs={"round": scan_round.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_compare_two_rounds(client, official, make_round, themes):
    before = make_round(
        official.municipality,
        started_on="2025-01-01",
        closed_on="2025-02-01",
        name="Eerst",
        answers=[lambda s: s.score(2)],
    )
    after = make_round(
        official.municipality, started_on="2026-01-01", name="Nu", answers=[lambda s: s.score(4)]
    )
    client.force_login(official)
    response = client.get(reverse("selfscan:compare"), {"before": before.pk, "after": after.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("+2,0 (hoger)") == len(themes)
    assert "vergelijking-hatch" in body  # the second round is hatched, not only coloured


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["other", "same", "text", "huge", "missing"])
def test_compare_refuses_bad_choices(client, official, make_round, other_round, bad):
    a = make_round(official.municipality, started_on="2025-01-01", closed_on="2025-02-01")
    b = make_round(official.municipality, started_on="2026-01-01")
    params = {
        "other": {"before": a.pk, "after": other_round.pk},
        "same": {"before": a.pk, "after": a.pk},
        "text": {"before": "een", "after": b.pk},
        "huge": {"before": "9" * 30, "after": b.pk},
        "missing": {"before": a.pk},
    }[bad]
    client.force_login(official)
    response = client.get(reverse("selfscan:compare"), params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body and "Amsterdamse ronde" not in body


@pytest.mark.django_db
def test_results_page_queries_do_not_grow_with_answers(client, official, make_round, colleague):
    small = make_round(
        official.municipality,
        started_on="2025-01-01",
        closed_on="2025-01-02",
        answers=[lambda s: 3],
    )
    large = make_round(official.municipality, started_on="2026-01-01", answers=[lambda s: 3] * 6)
    client.force_login(official)
    counts = []
    for scan_round in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(reverse("selfscan:results", kwargs={"round": scan_round.pk})).status_code
                == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]

import datetime
import io
import re

import pytest
from django.urls import reverse

from kring.initiatives.models import Connection
from kring.network.graph import build
from kring.network.models import NetworkAnalysis
from kring.privacy.models import AuditEntry
from tests import factories

TODAY = datetime.date(2026, 11, 25)
LAST_YEAR = datetime.date(2025, 11, 25)


def tie(collective, a, b=None, *, asset=None, day=TODAY, initiative=None):
    return Connection.objects.create(
        collective=collective,
        resident=a,
        other_resident=b,
        asset=asset,
        initiative=initiative,
        kind="voorgesteld",
        happened_on=day,
    )


@pytest.fixture
def town(collective, bob):
    """Two groups of residents, one bridge between them, a school, and one loner."""
    people = {
        name: factories.ResidentFactory(collective=collective, name=name)
        for name in ["Anna", "Bram", "Cor", "Dirk", "Els", "Fien", "Gijs", "Loes Alleen"]
    }
    for name in ["Anna", "Bram", "Cor", "Gijs"]:
        factories.ConsentFactory(resident=people[name], purpose="leden")
    a, b, c, d, e, f, g = (
        people[n] for n in ["Anna", "Bram", "Cor", "Dirk", "Els", "Fien", "Gijs"]
    )
    for x, y in [(a, b), (b, c), (a, c), (d, e), (e, f), (d, f)]:
        tie(collective, x, y, day=LAST_YEAR)
    tie(collective, c, g)
    tie(collective, g, d)
    school = factories.AssetFactory(
        collective=collective, category="institution", institution_type="school", title="De Boog"
    )
    tie(collective, a, asset=school)
    initiative = factories.InitiativeFactory(
        collective=collective, title="Moestuin", start_date=TODAY
    )
    initiative.participants.add(e, f)
    activity = factories.ActivityFactory(initiative=initiative, date=TODAY)
    activity.attendees.add(d)
    return {"people": people, "school": school, "initiative": initiative}


def test_graph_is_built_from_connections_participation_and_attendance(town, collective):
    graph = build(collective)
    keys = graph.keys
    degree = dict(zip(keys, graph.graph.degree(), strict=True))
    people = town["people"]
    assert degree[f"r:{people['Loes Alleen'].pk}"] == 0
    assert degree[f"a:{town['school'].pk}"] == 1
    assert degree[f"i:{town['initiative'].pk}"] == 3  # two participants and one attendee
    assert graph.graph.ecount() == 6 + 2 + 1 + 3
    before = graph.until(LAST_YEAR)
    assert before.graph.ecount() == 6 and before.graph.vcount() == graph.graph.vcount()


def _analyse(client, user, collective, **extra):
    client.force_login(user)
    data = {"as_of": TODAY.isoformat(), **extra}
    return client.post(reverse("network:start", args=[collective.slug]), data)


def test_buurtmaker_starts_an_analysis_and_sees_connectors_and_loners(
    client, bob, town, collective
):
    response = _analyse(client, bob, collective, compare_from=LAST_YEAR.isoformat())
    analysis = NetworkAnalysis.objects.get()
    assert response.status_code == 302
    assert analysis.status == "klaar" and analysis.progress == 100
    assert AuditEntry.objects.filter(target_type="network.networkanalysis").count() == 1
    page = client.get(reverse("network:index", args=[collective.slug])).content.decode()
    result = analysis.result
    connector_keys = result["connectors"]
    assert f"r:{town['people']['Gijs'].pk}" in connector_keys[:3]  # the bridge
    assert result["unconnected"] == [f"r:{town['people']['Loes Alleen'].pk}"]
    assert "Loes Alleen" in page and "Gijs" in page
    assert result["summary"]["linking"] == 1
    comparison = result["comparison"]
    assert comparison["before"]["ties"] == 6
    assert comparison["new_ties"] == 6
    assert comparison["after"]["bridging"] >= 1


def test_every_column_of_the_comparison_has_a_header_a_screen_reader_can_read(
    client, bob, town, collective
):
    _analyse(client, bob, collective, compare_from=LAST_YEAR.isoformat())
    page = client.get(reverse("network:index", args=[collective.slug])).content.decode()
    assert "Toen en nu" in page
    # axe-core: "empty-table-header"; the first column's header is hidden, not empty.
    assert not re.search(r"<th[^>]*>\s*</th>", page)
    assert '<span class="visually-hidden">Cijfer</span>' in page


def test_members_see_names_only_of_residents_who_allowed_it(client, bob, mia, town, collective):
    _analyse(client, bob, collective)
    client.force_login(mia)
    data = client.get(reverse("network:graph", args=[collective.slug])).json()
    labels = {n["label"] for n in data["nodes"]}
    assert {"Anna", "Bram", "Cor", "Gijs", "De Boog", "Moestuin"} <= labels
    assert not {"Dirk", "Els", "Fien", "Loes Alleen"} & labels
    assert any(label.startswith("Bewoner ") for label in labels)
    page = client.get(reverse("network:index", args=[collective.slug])).content.decode()
    assert "Loes Alleen" not in page and "Nog niet verbonden" not in page


def test_members_cannot_start_an_analysis(client, mia, collective):
    response = _analyse(client, mia, collective)
    assert response.status_code == 403
    assert not NetworkAnalysis.objects.exists()


def test_a_wrong_date_is_answered_400_and_kept(client, bob, collective):
    response = _analyse(client, bob, collective, compare_from=TODAY.isoformat())
    assert response.status_code == 400
    assert "vóór de datum" in response.content.decode()
    future = (TODAY + datetime.timedelta(days=400)).isoformat()
    assert _analyse(client, bob, collective, as_of=future).status_code == 400


def test_progress_page_refreshes_until_done(client, bob, collective):
    analysis = NetworkAnalysis.objects.create(collective=collective, as_of=TODAY, progress=40)
    client.force_login(bob)
    url = reverse("network:progress", args=[collective.slug, analysis.pk])
    page = client.get(url).content.decode()
    assert 'http-equiv="refresh"' in page and 'value="40"' in page
    analysis.status = "klaar"
    analysis.result = {}
    analysis.save()
    assert client.get(url).status_code == 302


def test_network_pictures_are_valid_and_carry_no_names(client, bob, mia, town, collective):
    from xml.etree import ElementTree

    from PIL import Image

    _analyse(client, bob, collective)
    client.force_login(mia)
    svg = client.get(reverse("network:svg", args=[collective.slug]))
    root = ElementTree.fromstring(svg.content)
    assert root.tag.endswith("svg")
    assert "Gijs" not in svg.content.decode() and "Anna" not in svg.content.decode()
    png = client.get(reverse("network:png", args=[collective.slug]))
    image = Image.open(io.BytesIO(png.content))
    assert image.format == "PNG" and image.width >= 800


def test_no_analysis_yet_means_no_pictures(client, mia, collective):
    client.force_login(mia)
    assert client.get(reverse("network:svg", args=[collective.slug])).status_code == 404
    page = client.get(reverse("network:index", args=[collective.slug])).content.decode()
    assert "nog niet berekend" in page


def test_only_the_last_five_analyses_are_kept(client, bob, collective):
    for _ in range(7):
        _analyse(client, bob, collective)
    assert NetworkAnalysis.objects.filter(collective=collective).count() == 5


def test_an_estimated_betweenness_is_said_on_the_page_with_how_sure_it_is(
    client, bob, town, collective, monkeypatch
):
    """A large network gets its betweenness estimated; made large here by lowering the limit
    (the town has 10 points), and stopped after two sources by a tiny work limit."""
    from kring.network import metrics

    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_LIMIT", 5)
    monkeypatch.setattr(metrics, "BATCH", 1)
    monkeypatch.setattr(metrics, "MIN_BATCHES", 2)
    monkeypatch.setattr(metrics, "WORK_LIMIT", 1)
    _analyse(client, bob, collective)
    summary = NetworkAnalysis.objects.get().result["summary"]
    assert summary["betweenness_sampled"] == 2 and summary["vertices"] == 10
    assert 0 <= summary["betweenness_agreement"] <= 100
    assert summary["betweenness_top"] == 5
    page = client.get(reverse("network:index", args=[collective.slug])).content.decode()
    assert 'id="connectors-estimate"' in page
    assert "Deze lijst is een schatting" in page
    assert "vanuit 2 van de 10 punten" in page
    assert f"klopt naar verwachting ongeveer {summary['betweenness_agreement']} %" in page
    assert f"ongeveer {summary['connectors_agreement']} % echt in deze lijst" in page
    # A low forecast is called low.
    assert ('id="estimate-rough"' in page) == (summary["betweenness_agreement"] < 50)


def test_an_exact_betweenness_has_no_estimate_note(client, bob, town, collective):
    _analyse(client, bob, collective)
    summary = NetworkAnalysis.objects.get().result["summary"]
    assert summary["betweenness_sampled"] is None
    page = client.get(reverse("network:index", args=[collective.slug])).content.decode()
    assert "Verbinders" in page
    assert "connectors-estimate" not in page and "schatting" not in page

"""The measures agree with published values on Zachary's karate club (Zachary 1977; betweenness
as in Newman's and Brandes' papers and NetworkX's documentation)."""

import igraph
import numpy as np
import pytest

from kring.network import metrics
from kring.network.metrics import (
    analyse,
    betweenness,
    betweenness_budget,
    estimate_betweenness,
    expected_agreement,
    split_agreement,
    top_vertices,
)


@pytest.fixture(scope="module")
def karate():
    return igraph.Graph.Famous("Zachary")


def test_karate_degree_matches_published_values(karate):
    metrics = analyse(karate)
    # Members are numbered 1..34 in Zachary's paper: the instructor (1) and the president (34).
    assert metrics.degree[0] == 16
    assert metrics.degree[33] == 17
    assert metrics.degree[32] == 12
    assert sum(metrics.degree) == 2 * 78
    assert metrics.components == 1 and metrics.giant == 34


def test_karate_betweenness_matches_published_values(karate):
    between = analyse(karate).betweenness
    # Normalised by (n-1)(n-2)/2 pairs, as usually published: the instructor 0.4376, the
    # president 0.3041, then members 33, 3 and 32.
    published = {0: 0.43763528, 33: 0.30407497, 32: 0.14524711, 2: 0.14365680, 31: 0.13827561}
    pairs = (34 - 1) * (34 - 2) / 2
    for vertex, value in published.items():
        assert between[vertex] / pairs == pytest.approx(value, abs=1e-6)
    assert between[0] == pytest.approx(231.0714, abs=1e-3)
    assert between[11] == 0  # member 12 has a single tie


def test_karate_communities_find_the_known_modularity(karate):
    metrics = analyse(karate)
    # The best known partition has modularity 0.4198 in four communities.
    assert metrics.modularity == pytest.approx(0.4198, abs=0.002)
    assert metrics.communities == 4
    assert metrics.ties["bonding"] + metrics.ties["bridging"] == 78


def test_ties_with_an_institution_are_linking(karate):
    institution = np.zeros(34, dtype=bool)
    institution[33] = True
    metrics = analyse(karate, linking=institution)
    assert metrics.ties["linking"] == 17
    assert sum(metrics.ties.values()) == 78


def test_sampled_betweenness_estimates_the_exact_one():
    graph = igraph.Graph.Barabasi(2000, 3)
    exact = np.asarray(betweenness(graph))
    estimate = np.asarray(betweenness(graph, sample=400, seed=1))
    assert np.corrcoef(exact, estimate)[0, 1] > 0.95
    top = set(np.argsort(-exact)[:5])
    assert len(top & set(np.argsort(-estimate)[:10])) >= 4


@pytest.fixture(scope="module")
def city():
    """A medium graph like the benchmark's: groups of 50, a fifth of the ties between groups."""
    from bench.network_metrics import generate

    n = 2500
    graph = igraph.Graph(n=n, edges=generate(n, 12_500, seed=4), directed=False)
    return graph, np.asarray(graph.betweenness(directed=False))


def _share(values, exact, k: int) -> float:
    return len(set(top_vertices(values, k).tolist()) & set(top_vertices(exact, k).tolist())) / k


def test_estimated_top_agrees_with_the_exact_top_as_the_target_says(city):
    graph, exact = city
    top = 50  # a fiftieth of the vertices
    estimate = estimate_betweenness(graph, top=top, target=0.8, seed=3)
    assert estimate.sources is not None and estimate.sources < graph.vcount()
    assert estimate.agreement >= 0.8
    share = _share(estimate.values, exact, top)
    assert share >= 0.8
    # The figure the page shows is a fair forecast of the share actually right, on the
    # cautious side: never much above it.
    assert estimate.agreement <= share + 0.05
    assert share - estimate.agreement <= 0.15


def test_the_estimate_stops_at_its_work_limit_and_says_how_sure_it_is(city):
    graph, exact = city
    estimate = estimate_betweenness(graph, top=25, work_limit=1, batch=10, min_batches=5)
    assert estimate.sources == 50
    assert 0 <= estimate.agreement < 0.92
    assert max(estimate.errors) > 0
    # Fifty sources are a poor guide: the expected share is low and so is the real one.
    assert _share(estimate.values, exact, 25) < 0.92


def test_few_sources_are_not_forecast_as_more_right_than_they_are(city):
    """With few sources the normal approximation alone promises far too much (a vertex next to
    a sampled source looks like a connector); the halves' agreement keeps the forecast honest."""
    graph, exact = city
    m = graph.ecount()
    estimate = estimate_betweenness(graph, top=50, work_limit=10 * m, seed=1)
    assert estimate.sources == 10  # a budget of ten sources: ten batches of one
    share = _share(estimate.values, exact, 50)
    hopeful = expected_agreement(estimate.values, estimate.errors, 50)
    assert estimate.agreement <= share + 0.1 < hopeful
    assert estimate.agreement == pytest.approx(min(hopeful, split_agreement(estimate.halves, 50)))


def test_split_agreement_is_the_root_of_the_shared_share():
    first = [9.0, 8.0, 7.0, 1.0, 0.0]
    assert split_agreement([first, first], 2) == 1.0
    assert split_agreement([first, [0.0, 8.0, 1.0, 9.0, 0.5]], 2) == pytest.approx(0.5**0.5)
    assert split_agreement([first, [0.0, 0.0, 1.0, 9.0, 5.0]], 2) == 0.0
    # Among some vertices only: the tops of those.
    assert split_agreement([first, [1.0, 0.0, 9.0, 8.0, 0.0]], 1, among=[0, 3]) == 0.0


def test_the_budget_is_kept_and_large_graphs_get_the_small_one(city, monkeypatch):
    graph, _exact = city
    m = graph.ecount()
    assert betweenness_budget(50_000) == metrics.WORK_LIMIT
    assert betweenness_budget(50_001) == metrics.LARGE_WORK_LIMIT
    assert metrics.LARGE_WORK_LIMIT < metrics.WORK_LIMIT
    # The city (2,500 vertices) made "large" by lowered limits: its budget is 20 sources.
    monkeypatch.setattr(metrics, "LARGE_WORK_LIMIT", 20 * m)
    large = analyse(graph, exact_limit=100, accurate_limit=1000)
    assert large.betweenness_sampled == 20
    assert large.betweenness_sampled * m <= metrics.LARGE_WORK_LIMIT
    assert large.betweenness_halves is not None and large.betweenness_agreement < 0.92
    # Below the accurate limit the same graph is sampled until the forecast is reached.
    accurate = analyse(graph, exact_limit=100, accurate_limit=5000)
    assert accurate.betweenness_sampled is None or accurate.betweenness_sampled > 20


@pytest.mark.parametrize("sources", [3, 10, 40])
def test_any_budget_is_kept_however_small(city, sources):
    graph, _exact = city
    m = graph.ecount()
    estimate = estimate_betweenness(graph, work_limit=sources * m, min_batches=3)
    assert estimate.sources is not None
    assert estimate.sources * m <= max(sources, 3) * m
    assert estimate.sources >= min(sources, 3)


def test_every_vertex_a_source_is_the_exact_betweenness():
    graph = igraph.Graph.Barabasi(300, 2)
    estimate = estimate_betweenness(graph, target=2.0, batch=7)  # never sure enough
    assert estimate.sources is None and estimate.agreement == 1.0
    assert np.allclose(estimate.values, graph.betweenness(directed=False))


def test_expected_agreement_is_certain_when_the_top_stands_apart():
    values = [100.0, 90.0, 1.0, 0.5]
    assert expected_agreement(values, [1.0, 1.0, 1.0, 1.0], 2) == pytest.approx(1.0)
    assert expected_agreement(values, [500.0] * 4, 2) < 0.6

"""The measures agree with published values on Zachary's karate club (Zachary 1977; betweenness
as in Newman's and Brandes' papers and NetworkX's documentation)."""

import igraph
import numpy as np
import pytest

from kring.network.metrics import (
    analyse,
    betweenness,
    estimate_betweenness,
    expected_agreement,
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


def test_estimated_top_agrees_with_the_exact_top_as_the_target_says(city):
    graph, exact = city
    top = 50  # a fiftieth of the vertices
    estimate = estimate_betweenness(graph, top=top, target=0.92, seed=3)
    assert estimate.sources is not None and estimate.sources < graph.vcount()
    assert estimate.agreement >= 0.92
    found = set(top_vertices(estimate.values, top).tolist())
    share = len(found & set(top_vertices(exact, top).tolist())) / top
    assert share >= 0.9
    # The figure the page shows is a fair forecast of the share actually right.
    assert abs(share - estimate.agreement) <= 0.1


def test_the_estimate_stops_at_its_work_limit_and_says_how_sure_it_is(city):
    graph, exact = city
    estimate = estimate_betweenness(graph, top=25, work_limit=1, batch=10, min_batches=5)
    assert estimate.sources == 50
    assert 0 < estimate.agreement < 0.92
    assert max(estimate.errors) > 0
    # Ten sources are a poor guide: the expected share is low and so is the real one.
    found = set(top_vertices(estimate.values, 25).tolist())
    assert len(found & set(top_vertices(exact, 25).tolist())) / 25 < 0.92


def test_every_vertex_a_source_is_the_exact_betweenness():
    graph = igraph.Graph.Barabasi(300, 2)
    estimate = estimate_betweenness(graph, target=2.0, batch=7)  # never sure enough
    assert estimate.sources is None and estimate.agreement == 1.0
    assert np.allclose(estimate.values, graph.betweenness(directed=False))


def test_expected_agreement_is_certain_when_the_top_stands_apart():
    values = [100.0, 90.0, 1.0, 0.5]
    assert expected_agreement(values, [1.0, 1.0, 1.0, 1.0], 2) == pytest.approx(1.0)
    assert expected_agreement(values, [500.0] * 4, 2) < 0.6

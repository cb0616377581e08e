"""Network measures on a generated graph of 200,000 vertices and 1,000,000 ties: degree,
components, Leiden communities, betweenness from 10 sampled sources, bonding/bridging/linking.
Target: all of it in at most 10 s, and at least 20 times faster than NetworkX doing the same.

The graph looks like a city of collectives: groups of about 50 people with most ties inside the
group and a fifth between groups; one vertex in 40 is an institution.

NetworkX is too slow for the full graph within a benchmark's time, so it runs on a subset (the
first tenth of the groups, with their ties: 20,000 vertices and about 100,000 ties), where
igraph runs too for a direct ratio; its full-size time is extrapolated linearly in the number of
ties (generous to NetworkX: sampled betweenness costs sources × ties, Louvain about ties).
NetworkX has no Leiden of its own, so it runs Louvain, its nearest method. Both compute
betweenness from the same sources, and the figures are compared."""

import random
import resource
import time

import numpy as np

from bench.registry import benchmark

SIZES = {"small": (2_000, 10_000), "full": (200_000, 1_000_000)}
GROUP = 50
INSIDE = 0.8
SOURCES = 10  # as kring.network.metrics.SAMPLE_SOURCES


def generate(n: int, m: int, seed: int = 1) -> np.ndarray:
    """Exactly ``m`` distinct ties among ``n`` vertices, 80% of them inside groups of 50."""
    rng = np.random.default_rng(seed)
    draw = int(m * 1.15)
    inside = int(draw * INSIDE)
    a = rng.integers(0, n, size=draw)
    b = np.empty(draw, dtype=np.int64)
    group_start = (a[:inside] // GROUP) * GROUP
    b[:inside] = np.minimum(group_start + rng.integers(0, GROUP, size=inside), n - 1)
    b[inside:] = rng.integers(0, n, size=draw - inside)
    edges = np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)
    edges = np.unique(edges[edges[:, 0] != edges[:, 1]], axis=0)
    keep = np.sort(rng.choice(len(edges), size=min(m, len(edges)), replace=False))
    return edges[keep]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_igraph(n: int, edges: np.ndarray, linking: np.ndarray, sources: list[int]) -> tuple:
    import igraph

    from kring.network import metrics as kring_metrics

    started = time.perf_counter()
    graph = igraph.Graph(n=n, edges=edges, directed=False)
    built = time.perf_counter() - started
    started = time.perf_counter()
    metrics = kring_metrics.analyse(graph, linking=linking, sources=sources, edges=edges)
    measured = time.perf_counter() - started
    # Unscale the estimate: NetworkX's subset betweenness is the plain sum over the sources.
    scale = n / len(sources) if len(sources) < n else 1.0
    return (
        built,
        measured,
        {
            "degree_max": max(metrics.degree),
            "components": metrics.components,
            "communities": metrics.communities,
            "modularity": metrics.modularity,
            "betweenness": np.asarray(metrics.betweenness) / scale,
            "ties": tuple(metrics.ties.values()),
        },
    )


def run_networkx(n: int, edges: np.ndarray, linking: np.ndarray, sources: list[int]) -> tuple:
    import networkx as nx

    started = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(map(tuple, edges.tolist()))
    built = time.perf_counter() - started
    started = time.perf_counter()
    degree = dict(graph.degree())
    components = list(nx.connected_components(graph))
    communities = nx.community.louvain_communities(graph, seed=0)
    between = nx.betweenness_centrality_subset(
        graph, sources=sources, targets=list(graph.nodes), normalized=False
    )
    membership = {}
    for index, community in enumerate(communities):
        for vertex in community:
            membership[vertex] = index
    bonding = bridging = linked = 0
    for a, b in graph.edges():
        if linking[a] or linking[b]:
            linked += 1
        elif membership[a] == membership[b]:
            bonding += 1
        else:
            bridging += 1
    measured = time.perf_counter() - started
    return (
        built,
        measured,
        {
            "degree_max": max(degree.values()),
            "components": len(components),
            "communities": len(communities),
            "modularity": nx.community.modularity(graph, communities),
            "betweenness": np.asarray([between[v] for v in range(n)]),
            "ties": (bonding, bridging, linked),
        },
    )


@benchmark("network_metrics")
def run(size: str = "full", out=None) -> dict:
    n, m = SIZES[size]
    edges = generate(n, m)
    rng = np.random.default_rng(2)
    linking = rng.random(n) < 1 / 40
    sources = random.Random(3).sample(range(n), SOURCES)
    out.write(
        f"   graph: {n:,} vertices, {len(edges):,} ties; betweenness from {SOURCES} sources\n"
    )
    rss_before = peak_mb()
    built, full_time, full = run_igraph(n, edges, linking, sources)
    out.write(
        f"   igraph, full graph:   build {built:6.2f} s, all measures {full_time:6.2f} s; "
        f"peak memory {peak_mb():,.0f} MB (process, {peak_mb() - rss_before:,.0f} MB more)\n"
    )
    out.write(
        f"      max degree {full['degree_max']}, components {full['components']:,}, "
        f"communities {full['communities']:,} (modularity {full['modularity']:.3f}), "
        f"ties bonding/bridging/linking {full['ties']}\n"
    )

    # The subset: the first tenth of the groups, and the ties among them.
    sub_n = max(GROUP * 4, n // 10)
    sub_edges = edges[(edges[:, 0] < sub_n) & (edges[:, 1] < sub_n)]
    sub_sources = [s % sub_n for s in sources]
    sub_sources = list(dict.fromkeys(sub_sources))
    _b, ig_sub, ig = run_igraph(sub_n, sub_edges, linking[:sub_n], sub_sources)
    _b, nx_sub, nx_result = run_networkx(sub_n, sub_edges, linking[:sub_n], sub_sources)
    agree = np.allclose(ig["betweenness"], nx_result["betweenness"], rtol=1e-9, atol=1e-6)
    out.write(
        f"   subset: {sub_n:,} vertices, {len(sub_edges):,} ties: igraph {ig_sub:6.2f} s, "
        f"NetworkX {nx_sub:6.2f} s, ratio {nx_sub / ig_sub:5.1f}×; betweenness equal: {agree}; "
        f"modularity igraph-Leiden {ig['modularity']:.3f}, NetworkX-Louvain {nx_result['modularity']:.3f}\n"
    )
    nx_full = nx_sub * len(edges) / max(1, len(sub_edges))
    out.write(
        f"   NetworkX on the full graph, extrapolated by ties: {nx_full:6.1f} s; "
        f"ratio to igraph {nx_full / full_time:5.1f}× (target ≥ 20×); igraph {full_time:.2f} s "
        f"(target ≤ 10 s)\n"
    )
    return {
        "igraph_s": full_time,
        "networkx_extrapolated_s": nx_full,
        "subset_ratio": nx_sub / ig_sub,
        "full_ratio": nx_full / full_time,
        "betweenness_agrees": agree,
    }

"""Network measures with igraph, on any undirected graph (a collective's, a generated one for the
benchmark, Zachary's karate club for the tests).

- degree, connected components, communities (Leiden, optimising modularity);
- betweenness: exact on small graphs; on large ones estimated from a random sample of sources
  (Brandes' algorithm from k sources, scaled by n/k), the same estimate NetworkX makes with
  ``betweenness_centrality(k=…)``;
- ties: *linking* when one end is an institution, otherwise *bonding* within a community and
  *bridging* between communities (social capital in ABCD's words).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import igraph
import numpy as np

EXACT_BETWEENNESS_LIMIT = 5000
# Large graphs: betweenness from this many random sources, and one Leiden iteration (a
# collective's graph, far smaller, gets exact betweenness and Leiden until it converges).
SAMPLE_SOURCES = 10


@dataclass
class Metrics:
    degree: list[int]
    component: list[int]
    components: int
    giant: int
    community: list[int]
    communities: int
    modularity: float
    betweenness: list[float]
    betweenness_sampled: int | None  # number of sources when estimated, None when exact
    ties: dict[str, int]
    tie_type: list[str]
    density: float
    extra: dict = field(default_factory=dict)


def _noop(_share: float, _step: str) -> None:
    return None


def betweenness(
    graph: igraph.Graph, *, sample: int | None = None, seed: int = 0, sources=None
) -> list[float]:
    """Betweenness (undirected, not normalised). With ``sample`` sources (or the given
    ``sources``) it is the estimate scaled by n / number of sources."""
    n = graph.vcount()
    if sources is None:
        if not sample or sample >= n:
            return graph.betweenness(directed=False)
        sources = random.Random(seed).sample(range(n), sample)
    scale = n / len(sources)
    return [b * scale for b in graph.betweenness(directed=False, sources=sources)]


def analyse(
    graph: igraph.Graph,
    *,
    linking: np.ndarray | None = None,
    sample: int | None = None,
    sources: list[int] | None = None,
    edges: np.ndarray | None = None,
    seed: int = 0,
    progress: Callable[[float, str], None] = _noop,
) -> Metrics:
    """All measures of one graph. ``linking`` marks the vertices that are institutions;
    ``edges`` may pass the graph's edge list (in igraph's order) when the caller has it."""
    n, m = graph.vcount(), graph.ecount()
    progress(0.05, "degree")
    degree = graph.degree()
    progress(0.1, "components")
    components = graph.connected_components()
    sizes = components.sizes()
    progress(0.2, "communities")
    # igraph draws its random numbers from Python's random module: seed it for stable answers.
    random.seed(seed)
    iterations = -1 if n <= EXACT_BETWEENNESS_LIMIT else 1
    communities = graph.community_leiden(objective_function="modularity", n_iterations=iterations)
    membership = np.asarray(communities.membership, dtype=np.int64)
    progress(0.45, "betweenness")
    if sources is not None:
        sample = len(sources)
    elif sample is None and n > EXACT_BETWEENNESS_LIMIT:
        sample = SAMPLE_SOURCES
    between = betweenness(graph, sample=sample, seed=seed, sources=sources)
    progress(0.85, "ties")
    if edges is None:
        edges = np.asarray(graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    same = membership[edges[:, 0]] == membership[edges[:, 1]] if m else np.zeros(0, dtype=bool)
    is_linking = (
        (linking[edges[:, 0]] | linking[edges[:, 1]])
        if linking is not None and m
        else np.zeros(m, dtype=bool)
    )
    tie_type = np.where(is_linking, "linking", np.where(same, "bonding", "bridging"))
    ties = {
        "bonding": int(np.count_nonzero(~is_linking & same)),
        "bridging": int(np.count_nonzero(~is_linking & ~same)),
        "linking": int(np.count_nonzero(is_linking)),
    }
    progress(1.0, "done")
    return Metrics(
        degree=degree,
        component=components.membership,
        components=len(sizes),
        giant=max(sizes) if sizes else 0,
        community=membership.tolist(),
        communities=len(communities),
        modularity=float(communities.modularity) if m else 0.0,
        betweenness=between,
        betweenness_sampled=sample if sample and sample < n else None,
        ties=ties,
        tie_type=tie_type.tolist(),
        density=graph.density(loops=False) if n > 1 else 0.0,
    )


def layout(graph: igraph.Graph, *, seed: int = 0) -> list[tuple[float, float]]:
    """Positions in [0, 1]², computed once and stored: Fruchterman–Reingold with its grid
    (fast on large graphs), fewer iterations above 5,000 vertices. Vertices without ties go in
    a row along the bottom: left to the force layout they drift far out and squeeze the
    network itself into a small blob in the middle of the picture."""
    n = graph.vcount()
    if n == 0:
        return []
    random.seed(seed)
    degree = graph.degree()
    tied = [i for i in range(n) if degree[i] > 0]
    alone = [i for i in range(n) if degree[i] == 0]
    xy = np.zeros((n, 2), dtype=float)
    if tied:
        sub = graph.subgraph(tied) if alone else graph
        iterations = 500 if sub.vcount() <= EXACT_BETWEENNESS_LIMIT else 200
        coords = sub.layout_fruchterman_reingold(niter=iterations, grid=True)
        part = np.asarray(coords.coords, dtype=float).reshape(len(tied), 2)
        low, high = part.min(axis=0), part.max(axis=0)
        span = np.where(high - low > 0, high - low, 1.0)
        part = (part - low) / span
        if alone:
            part[:, 1] *= 0.88  # room for the row of vertices without ties
        xy[tied] = part
    if alone:
        row_y = 1.0 if tied else 0.5
        for place, i in enumerate(alone):
            xy[i] = ((place + 0.5) / len(alone), row_y)
    return [(round(float(x), 4), round(float(y), 4)) for x, y in xy]

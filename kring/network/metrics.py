"""Network measures with igraph, on any undirected graph (a collective's, a generated one for the
benchmark, Zachary's karate club for the tests).

- degree, connected components, communities (Leiden, optimising modularity);
- betweenness: exact on small graphs; on large ones estimated from a random sample of sources
  (Brandes' algorithm from k sources, scaled by n/k, the estimate of Brandes and Pich that
  NetworkX makes with ``betweenness_centrality(k=…)``), drawn in batches until the top of the
  ranking is stable enough (see ``estimate_betweenness``);
- ties: *linking* when one end is an institution, otherwise *bonding* within a community and
  *bridging* between communities (social capital in ABCD's words).
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import igraph
import numpy as np

EXACT_BETWEENNESS_LIMIT = 5000
# Large graphs: betweenness estimated from random sources, and one Leiden iteration (a
# collective's graph, far smaller, gets exact betweenness and Leiden until it converges).
# Sources are drawn BATCH at a time (fewer when the budget is small); after at least MIN_BATCHES
# the spread between batches gives each vertex a standard error, and from those the expected
# share of the estimated top TOP that is in the exact top TOP (``expected_agreement``). Sampling
# stops when that share reaches AGREEMENT_TARGET, or when the work (sources × ties) reaches the
# graph's budget (``betweenness_budget``):
# - up to ACCURATE_LIMIT vertices (a collective's or a gemeente's graph) accuracy comes first:
#   WORK_LIMIT, minutes of background work (a 20,000-vertex graph with 80,000 ties gets about
#   5,000 sources, and its top-100 is right for 90 % or more);
# - above it (a region or the whole country) the time comes first: LARGE_WORK_LIMIT, about ten
#   sources on a million ties, a few seconds; the forecast is then low and the page says so.
# A source's pass costs about as much as the ties, so no single budget does both: the sources
# that make a 20,000-vertex top-100 right would take minutes on a million ties
# (docs/performance.md, "Map and network").
TOP = 100
AGREEMENT_TARGET = 0.92
BATCH = 10
MIN_BATCHES = 10
ACCURATE_LIMIT = 50_000
WORK_LIMIT = 400_000_000
LARGE_WORK_LIMIT = 10_000_000


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
    # When estimated: each vertex's standard error, and the expected share of the estimated top
    # ``betweenness_top`` that is in the exact one (1.0 and zeros when exact).
    betweenness_error: list[float] = field(default_factory=list)
    betweenness_agreement: float | None = 1.0  # None: sources given by the caller
    betweenness_top: int = TOP
    betweenness_halves: np.ndarray | None = None  # see Estimate.halves
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


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.vectorize(math.erf)(z / math.sqrt(2.0)))


def top_vertices(values, k: int, among=None) -> np.ndarray:
    """The ``k`` vertices with the highest values (ties broken by vertex number), best first;
    ``among`` limits the choice to those vertices."""
    values = np.asarray(values, dtype=float)
    pool = np.arange(len(values)) if among is None else np.asarray(among, dtype=np.int64)
    order = np.lexsort((pool, -values[pool]))
    return pool[order[:k]]


def expected_agreement(values, errors, k: int, among=None) -> float:
    """The expected share of the estimated top ``k`` that is also in the exact top ``k``: for
    each vertex of the estimated top, the chance (normal approximation with its standard error)
    that its exact value lies above the boundary between place k and k + 1 (both uncertain)."""
    values = np.asarray(values, dtype=float)
    errors = np.asarray(errors, dtype=float)
    ranked = top_vertices(values, k + 1, among)
    if len(ranked) <= k:
        return 1.0
    top, next_one = ranked[:k], ranked[k]
    boundary = (values[top[-1]] + values[next_one]) / 2
    # The boundary is itself estimated: its error counts too (without it the forecast was
    # too hopeful, measured on the benchmark's graphs).
    boundary_error = (errors[top[-1]] + errors[next_one]) / 2
    spread = np.maximum(np.sqrt(errors[top] ** 2 + boundary_error**2), 1e-12)
    return float(np.mean(_normal_cdf((values[top] - boundary) / spread)))


def split_agreement(halves, k: int, among=None) -> float:
    """How far two independent halves of the sources agree on the top ``k``: the square root of
    the share that their two tops have in common. When each half's top holds a share p of the
    exact top and their mistakes differ, they share about p², so this estimates p: the accuracy
    of half the sources, which the whole sample does at least as well as. It does not trust the
    normal approximation, which is far too hopeful with few sources (a vertex near a sampled
    source looks like a connector; one never near one looks certain): measured on the
    benchmark's subset, 10 sources were forecast 64 % by ``expected_agreement`` and 14 % by
    this, with 9 % right."""
    first, second = (np.asarray(half, dtype=float) for half in halves)
    k = min(k, len(first) if among is None else len(among))
    if k <= 0:
        return 1.0
    shared = set(top_vertices(first, k, among).tolist()) & set(
        top_vertices(second, k, among).tolist()
    )
    return math.sqrt(len(shared) / k)


@dataclass
class Estimate:
    values: list[float]
    errors: list[float]
    sources: int | None  # None when every vertex was a source: the exact betweenness
    agreement: float
    top: int
    # The estimates from the odd and the even batches (each scaled as the whole), for
    # ``split_agreement`` of other tops (the connectors); None when exact.
    halves: np.ndarray | None = None


def betweenness_budget(n: int, accurate_limit: int | None = None) -> int:
    """The betweenness budget (sources × ties) of a graph of ``n`` vertices: WORK_LIMIT up to
    ``accurate_limit`` vertices (ACCURATE_LIMIT when left out), LARGE_WORK_LIMIT above."""
    accurate_limit = ACCURATE_LIMIT if accurate_limit is None else accurate_limit
    return WORK_LIMIT if n <= accurate_limit else LARGE_WORK_LIMIT


def source_order(n: int, seed: int = 0) -> list[int]:
    """The random order in which ``estimate_betweenness`` takes its sources."""
    return np.random.default_rng(seed).permutation(n).tolist()


def estimate_betweenness(
    graph: igraph.Graph,
    *,
    seed: int = 0,
    top: int | None = None,
    target: float | None = None,
    work_limit: int | None = None,
    batch: int | None = None,
    min_batches: int | None = None,
    progress: Callable[[float], None] = lambda _share: None,
) -> Estimate:
    """Adaptive sampling of sources (Brandes–Pich estimate with a stopping rule). Sources come
    in a seeded random order, ``batch`` at a time; the batches' sums are independent draws, so
    their spread gives each vertex's standard error (with the correction for sampling without
    replacement). Stops when ``expected_agreement`` of the top ``top`` reaches ``target``, when
    one more batch would take sources × ties past ``work_limit``, or when every vertex has been
    a source (exact); it always takes at least ``min_batches`` batches (the standard errors
    need them), so a budget smaller than that is exceeded. Left out,
    the settings are this module's constants (read at call time), and the batch is made
    smaller when the budget holds fewer than ``batch × min_batches`` sources, so a small budget
    (a very large graph) is kept. ``progress`` hears the share of the most work it may take,
    at each whole percent."""
    top = TOP if top is None else top
    target = AGREEMENT_TARGET if target is None else target
    work_limit = WORK_LIMIT if work_limit is None else work_limit
    min_batches = max(2, MIN_BATCHES if min_batches is None else min_batches)
    n, m = graph.vcount(), max(1, graph.ecount())
    if batch is None:
        batch = max(1, min(BATCH, work_limit // m // min_batches))
    k = min(top, max(1, n // 2))
    order = source_order(n, seed)
    total = np.zeros(n)
    squares = np.zeros(n)
    halves = np.zeros((2, n))
    batches = used = reported = 0
    while used + batch < n:
        sums = np.asarray(graph.betweenness(directed=False, sources=order[used : used + batch]))
        total += sums
        squares += sums * sums
        halves[batches % 2] += sums
        batches += 1
        used += batch
        share = max(used / n, used * m / work_limit)
        if int(share * 100) > reported:
            reported = int(share * 100)
            progress(min(1.0, share))
        if batches < min_batches:
            continue
        mean = total / batches
        spread = np.sqrt(np.maximum(squares / batches - mean * mean, 0) * batches / (batches - 1))
        values = mean * (n / batch)
        errors = spread / math.sqrt(batches) * (n / batch) * math.sqrt(1 - used / n)
        agreement = expected_agreement(values, errors, k)
        spent = (used + batch) * m > work_limit  # the next batch would exceed the budget
        if agreement >= target or spent:
            # The forecast is the lower of the two: the normal approximation (right when the
            # sources are many) and the agreement of the two halves (right when they are few).
            scaled = halves * (n / (batch * np.array([[(batches + 1) // 2], [batches // 2]])))
            agreement = min(agreement, split_agreement(scaled, k))
            if agreement >= target or spent:
                return Estimate(values.tolist(), errors.tolist(), used, agreement, k, scaled)
    # Every vertex a source: the rest of the sum makes the exact betweenness.
    total += np.asarray(graph.betweenness(directed=False, sources=order[used:]))
    return Estimate(total.tolist(), [0.0] * n, None, 1.0, k)


def analyse(
    graph: igraph.Graph,
    *,
    linking: np.ndarray | None = None,
    sample: int | None = None,
    sources: list[int] | None = None,
    edges: np.ndarray | None = None,
    seed: int = 0,
    exact_limit: int | None = None,
    accurate_limit: int | None = None,
    budget: int | None = None,
    progress: Callable[[float, str], None] = _noop,
) -> Metrics:
    """All measures of one graph. ``linking`` marks the vertices that are institutions;
    ``edges`` may pass the graph's edge list (in igraph's order) when the caller has it.
    Betweenness is exact up to ``exact_limit`` vertices, else estimated within ``budget``
    (sources × ties; left out, ``betweenness_budget(n, accurate_limit)``)."""
    n, m = graph.vcount(), graph.ecount()
    exact_limit = EXACT_BETWEENNESS_LIMIT if exact_limit is None else exact_limit
    progress(0.05, "degree")
    degree = graph.degree()
    progress(0.1, "components")
    components = graph.connected_components()
    sizes = components.sizes()
    progress(0.2, "communities")
    communities, membership = _communities(graph, seed=seed, exact=n <= exact_limit)
    progress(0.45, "betweenness")
    between, sample, estimate = _betweenness(
        graph,
        sample=sample,
        sources=sources,
        seed=seed,
        exact_limit=exact_limit,
        accurate_limit=accurate_limit,
        budget=budget,
        progress=progress,
    )
    progress(0.85, "ties")
    tie_type, ties = _tie_types(graph, membership, linking, edges)
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
        betweenness_error=estimate.errors if estimate else [0.0] * n,
        betweenness_agreement=(
            estimate.agreement if estimate else (None if sample and sample < n else 1.0)
        ),
        betweenness_top=estimate.top if estimate else min(TOP, max(1, n // 2)),
        betweenness_halves=estimate.halves if estimate else None,
        ties=ties,
        tie_type=tie_type.tolist(),
        density=graph.density(loops=False) if n > 1 else 0.0,
    )


def _communities(graph: igraph.Graph, *, seed: int, exact: bool):
    """Leiden communities by modularity, iterated until stable on a graph small enough for
    exact figures, one pass on a larger one."""
    # igraph draws its random numbers from Python's random module: seed it for stable answers.
    random.seed(seed)
    iterations = -1 if exact else 1
    communities = graph.community_leiden(objective_function="modularity", n_iterations=iterations)
    return communities, np.asarray(communities.membership, dtype=np.int64)


def _betweenness(
    graph: igraph.Graph,
    *,
    sample: int | None,
    sources: list[int] | None,
    seed: int,
    exact_limit: int,
    accurate_limit: int | None,
    budget: int | None,
    progress: Callable[[float, str], None],
) -> tuple[list[float], int | None, Estimate | None]:
    """Betweenness, with the number of sources used and the estimate when it was sampled:
    the sources or sample the caller asked for, an adaptive estimate on a large graph, or
    exact."""
    n = graph.vcount()
    estimate = None
    if sources is not None or sample is not None:
        between = betweenness(graph, sample=sample, seed=seed, sources=sources)
        sample = len(sources) if sources is not None else sample
    elif n > exact_limit:
        estimate = estimate_betweenness(
            graph,
            seed=seed,
            work_limit=betweenness_budget(n, accurate_limit) if budget is None else budget,
            progress=lambda share: progress(0.45 + 0.4 * share, "betweenness"),
        )
        between, sample = estimate.values, estimate.sources
    else:
        between = betweenness(graph)
    return between, sample, estimate


def _tie_types(
    graph: igraph.Graph,
    membership: np.ndarray,
    linking: np.ndarray | None,
    edges: np.ndarray | None,
) -> tuple[np.ndarray, dict[str, int]]:
    """Each tie as linking (to an institution), bonding (within a community) or bridging
    (between two), and how many there are of each."""
    m = graph.ecount()
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
    return tie_type, ties


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

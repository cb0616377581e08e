"""The work of one analysis: build the graph, measure it, lay it out, compare with an earlier
date, and keep everything as JSON on the NetworkAnalysis."""

import datetime
from collections import Counter
from collections.abc import Callable

import numpy as np

from kring.assets.models import Category

from .graph import CommunityGraph, build
from .metrics import analyse, expected_agreement, layout, split_agreement

TOP_CONNECTORS = 10


def _groups(membership: list[int]) -> int:
    return sum(1 for size in Counter(membership).values() if size >= 2)


def summary(graph: CommunityGraph) -> dict:
    """The few figures that are compared between two dates."""
    metrics = analyse(graph.graph, linking=graph.linking)
    residents = [i for i, k in enumerate(graph.kinds) if k == "resident"]
    connected = sum(1 for i in residents if metrics.degree[i] > 0)
    return {
        "vertices": graph.graph.vcount(),
        "ties": graph.graph.ecount(),
        "density": round(metrics.density, 4),
        "components": _groups(metrics.component),
        "communities": _groups(metrics.community),
        "bonding": metrics.ties["bonding"],
        "bridging": metrics.ties["bridging"],
        "linking": metrics.ties["linking"],
        "residents": len(residents),
        "residents_connected": connected,
    }


def run(
    collective,
    *,
    as_of: datetime.date,
    compare_from: datetime.date | None = None,
    progress: Callable[[float, str], None],
) -> dict:
    progress(0.05, "graph")
    full = build(collective)
    graph = full.until(as_of)
    progress(0.15, "metrics")
    metrics = analyse(
        graph.graph,
        linking=graph.linking,
        progress=lambda share, step: progress(0.15 + 0.4 * share, step),
    )
    progress(0.6, "layout")
    positions = layout(graph.graph)
    n = graph.graph.vcount()
    neighbours = graph.graph.get_adjlist()
    reached = [len({metrics.community[j] for j in neighbours[i]}) for i in range(n)]
    residents = [i for i in range(n) if graph.kinds[i] == "resident"]
    connectors = _connectors(metrics, residents, reached)
    unconnected = [graph.keys[i] for i in residents if metrics.degree[i] == 0]
    estimate = _estimate(metrics, residents)
    edges = graph.graph.get_edgelist()
    result = {
        "as_of": as_of.isoformat(),
        "nodes": _nodes(graph, metrics, positions, reached),
        "edges": [[a, b, metrics.tie_type[e]] for e, (a, b) in enumerate(edges)],
        "summary": _run_summary(graph, metrics, edges, residents, unconnected, estimate),
        "connectors": [graph.keys[i] for i in connectors],
        "unconnected": unconnected,
        "comparison": None,
    }
    if compare_from and compare_from < as_of:
        progress(0.8, "comparison")
        result["comparison"] = _comparison(full, graph, result["summary"], compare_from, as_of)
    progress(1.0, "done")
    return result


def _connectors(metrics, residents: list[int], reached: list[int]) -> list[int]:
    """Connectors: residents on many shortest paths who reach more than one community."""
    return sorted(
        (i for i in residents if metrics.degree[i] >= 2),
        key=lambda i: (-metrics.betweenness[i], -reached[i], -metrics.degree[i]),
    )[:TOP_CONNECTORS]


def _estimate(metrics, residents: list[int]) -> dict:
    """When betweenness was sampled, how sure the page can be of its top and its connectors;
    nothing when it was measured exactly."""
    if metrics.betweenness_sampled is None:
        return {}
    eligible = [i for i in residents if metrics.degree[i] >= 2]
    # How sure the page can be: the expected share right of the network's top and of the
    # connectors shown (the same two forecasts, the lower one, over the eligible residents).
    shown = min(TOP_CONNECTORS, len(eligible))
    connectors_agreement = None
    if eligible:
        connectors_agreement = expected_agreement(
            metrics.betweenness, metrics.betweenness_error, shown, among=eligible
        )
        if metrics.betweenness_halves is not None:
            connectors_agreement = min(
                connectors_agreement,
                split_agreement(metrics.betweenness_halves, shown, among=eligible),
            )
    return {
        "betweenness_top": metrics.betweenness_top,
        "betweenness_agreement": _percent(metrics.betweenness_agreement),
        "connectors_agreement": _percent(connectors_agreement),
    }


def _nodes(graph: CommunityGraph, metrics, positions, reached: list[int]) -> list[dict]:
    """Every vertex with its place in the drawing and its own figures, for the network page."""
    return [
        {
            "key": graph.keys[i],
            "kind": graph.kinds[i],
            "category": graph.categories[i],
            "x": positions[i][0],
            "y": positions[i][1],
            "degree": metrics.degree[i],
            "betweenness": round(metrics.betweenness[i], 3),
            "community": metrics.community[i],
            "reach": reached[i],
        }
        for i in range(graph.graph.vcount())
    ]


def _run_summary(
    graph: CommunityGraph,
    metrics,
    edges: list,
    residents: list[int],
    unconnected: list,
    estimate: dict,
) -> dict:
    """The figures of the whole network shown above the picture (a superset of ``summary``)."""
    return {
        "vertices": graph.graph.vcount(),
        "ties": len(edges),
        "density": round(metrics.density, 4),
        # Parts and groups of at least two: a resident without ties is not a group.
        "components": _groups(metrics.component),
        "giant": metrics.giant,
        "communities": _groups(metrics.community),
        "modularity": round(metrics.modularity, 3),
        "betweenness_sampled": metrics.betweenness_sampled,
        **estimate,
        **metrics.ties,
        "residents": len(residents),
        "residents_connected": len(residents) - len(unconnected),
        "institutions": int(np.count_nonzero(graph.linking)),
        "assets": sum(1 for k in graph.kinds if k == "asset"),
        "initiatives": sum(1 for k in graph.kinds if k == "initiative"),
    }


def _comparison(
    full: CommunityGraph,
    graph: CommunityGraph,
    after: dict,
    compare_from: datetime.date,
    as_of: datetime.date,
) -> dict:
    """The network at the earlier date beside the one now, and the ties made in between."""
    before = full.until(compare_from)
    new_ties = sum(1 for d in graph.since if compare_from < d <= as_of)
    return {
        "from": compare_from.isoformat(),
        "before": summary(before),
        "after": {k: after[k] for k in summary_keys()},
        "new_ties": new_ties,
    }


def _percent(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def summary_keys() -> list[str]:
    return [
        "vertices",
        "ties",
        "density",
        "components",
        "communities",
        "bonding",
        "bridging",
        "linking",
        "residents",
        "residents_connected",
    ]


INSTITUTION = str(Category.INSTITUTION)

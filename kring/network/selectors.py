"""Reads for the network pages, scoped to who asks. Names only for residents the reader may see
(kring.people.selectors.visible_residents) and assets they may see; everyone else gets an
anonymous label such as "Bewoner 7"."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kring.assets.models import Category
from kring.assets.selectors import visible_assets
from kring.communities.access import CollectiveAccess
from kring.core.jobs import ACTIVE, JobStatus
from kring.initiatives.models import Initiative
from kring.people.selectors import visible_residents

from .models import NetworkAnalysis


def latest_analysis(access: CollectiveAccess) -> NetworkAnalysis | None:
    return (
        NetworkAnalysis.objects.filter(collective=access.collective, status=JobStatus.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def running_analysis(access: CollectiveAccess) -> NetworkAnalysis | None:
    return (
        NetworkAnalysis.objects.filter(
            collective=access.collective,
            status__in=ACTIVE,
        )
        .order_by("-created_at")
        .first()
    )


def analysis_detail(access: CollectiveAccess, pk: int) -> NetworkAnalysis:
    return get_object_or_404(NetworkAnalysis.objects.filter(collective=access.collective), pk=pk)


def labels(access: CollectiveAccess, result: dict) -> dict[str, dict]:
    """Per vertex key: its label, and a link when the reader may open it."""
    keys = [node["key"] for node in result["nodes"]]
    wanted = {"r": [], "a": [], "i": []}
    for key in keys:
        kind, _sep, pk = key.partition(":")
        if pk.isdigit():
            wanted[kind].append(int(pk))
    names = {}
    for resident in (
        visible_residents(access)
        .filter(pk__in=wanted["r"])
        .only("pk", "name", "erased_at", "collective")
    ):
        names[f"r:{resident.pk}"] = (str(resident), resident.get_absolute_url())
    for asset in (
        visible_assets(access)
        .filter(pk__in=wanted["a"])
        .select_related("collective")
        .only("pk", "title", "collective__slug")
    ):
        names[f"a:{asset.pk}"] = (asset.title, asset.get_absolute_url())
    for pk, title in Initiative.objects.filter(
        collective=access.collective, pk__in=wanted["i"]
    ).values_list("pk", "title"):
        names[f"i:{pk}"] = (title, "")
    result_labels = {}
    counters = {"resident": 0, "asset": 0, "initiative": 0}
    for node in result["nodes"]:
        counters[node["kind"]] = counters.get(node["kind"], 0) + 1
        if node["key"] in names:
            label, url = names[node["key"]]
        else:
            number = counters[node["kind"]]
            label = {
                "resident": _("Bewoner %(n)s"),
                "asset": _("Bron %(n)s"),
                "initiative": _("Initiatief %(n)s"),
            }[node["kind"]] % {"n": number}
            url = ""
        result_labels[node["key"]] = {"label": label, "url": url, "named": bool(url or label)}
    return result_labels


def graph_json(access: CollectiveAccess, analysis: NetworkAnalysis) -> dict:
    """What sigma.js draws: positions, sizes by degree, colours by community, labels by who may
    see them."""
    result = analysis.result
    names = labels(access, result)
    return {
        "nodes": [
            {
                "key": node["key"],
                "x": node["x"],
                "y": 1 - node["y"],
                "size": 3 + min(12, node["degree"]),
                "community": node["community"],
                "kind": node["kind"],
                "institution": node["category"] == Category.INSTITUTION,
                "label": names[node["key"]]["label"],
            }
            for node in result["nodes"]
        ],
        "edges": result["edges"],
    }


def people_lists(access: CollectiveAccess, analysis: NetworkAnalysis) -> dict:
    """Connectors and residents not yet connected: the buurtmakers' working lists."""
    if not access.is_builder:
        return {"connectors": [], "unconnected": []}
    result = analysis.result
    names = labels(access, result)
    by_key = {node["key"]: node for node in result["nodes"]}

    def row(key):
        node = by_key[key]
        return {
            "key": key,
            "label": names[key]["label"],
            "url": names[key]["url"],
            "degree": node["degree"],
            "reach": node["reach"],
            "betweenness": node["betweenness"],
        }

    visible = set(visible_residents(access).values_list("pk", flat=True))
    return {
        "connectors": [row(k) for k in result["connectors"]],
        "unconnected": [row(k) for k in result["unconnected"] if int(k.split(":")[1]) in visible][
            :200
        ],
        "unconnected_total": len(result["unconnected"]),
    }

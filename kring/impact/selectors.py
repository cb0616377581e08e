"""Reads for the impact pages. Municipality figures come only from ``aggregates``; this
module adds what surrounds them: targets, reports, the map's boundaries, stories."""

from django.db.models import Q

from kring.assets.selectors import portrait_stories
from kring.geo.models import Municipality, Neighbourhood

from .aggregates import YEAR, Figures
from .models import ImpactReport, ShareGroup, SharingChoice, SharingLog, Target

# The figures on the dashboard's charts, map and area table; the full table holds all.
MAIN = ["residents", "gifts", "gifts_used", "connections", "bridging", "activities", "hours"]
BREAKS = [10, 25, 50, 100]
# The trend lines the dashboard leads with (then one per opgave).
TRENDS = ["residents", "gifts_used", "connections", "bridging", "first_connections", "hours"]


def sharing_of(collective) -> dict[int, list[str]]:
    return {
        c.municipality_id: c.groups
        for c in SharingChoice.objects.filter(collective=collective).only(
            "municipality_id", "groups"
        )
    }


def sharing_versions(collective) -> dict[int, int]:
    """The version of each gemeente's sharing choice, for the forms that change them."""
    return dict(
        SharingChoice.objects.filter(collective=collective).values_list(
            "municipality_id", "version"
        )
    )


def sharing_log(collective, limit: int = 50) -> list[SharingLog]:
    labels = dict(ShareGroup.choices)
    entries = list(
        SharingLog.objects.filter(collective=collective)
        .select_related("municipality", "changed_by")
        .only(
            "groups",
            "changed_at",
            "municipality__name",
            "changed_by__name",
            "changed_by__email",
        )[:limit]
    )
    for entry in entries:
        entry.labels = [str(labels.get(g, g)).split(":")[0] for g in entry.groups]
    return entries


def targets_of(user, year: int) -> dict[str, int]:
    return dict(
        Target.objects.filter(municipality_id=user.municipality_id, year=year).values_list(
            "indicator", "value"
        )
    )


def reports_of(user, limit: int = 10):
    return ImpactReport.objects.filter(municipality_id=user.municipality_id)[:limit]


def report_of(user, pk: int) -> ImpactReport | None:
    return ImpactReport.objects.filter(municipality_id=user.municipality_id, pk=pk).first()


def map_class(figure) -> int:
    """0 for hidden or small, else 1..len(BREAKS) by the shown value."""
    if not figure.shown:
        return 0
    return sum(1 for b in BREAKS if figure.value >= b)


def choropleth(figures: Figures, indicator: str) -> dict:
    """Buurt boundaries (GeoJSON) with the class and shown figure of one indicator."""
    ids = [int(a.key[2:]) for a in figures.areas_at("buurt")]
    features = []
    for n in Neighbourhood.objects.filter(pk__in=ids, boundary__isnull=False).only(
        "pk", "name", "code", "boundary"
    ):
        figure = figures.get(indicator, f"B:{n.pk}", YEAR)
        features.append(
            {
                "type": "Feature",
                "geometry": n.boundary,
                "properties": {
                    "name": n.name,
                    "code": n.code,
                    "value": figure.display,
                    "class": map_class(figure),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def shared_stories(municipality, limit: int = 6) -> list[dict]:
    """Stories for a gemeente's report: only from collectives that share stories with this
    gemeente, only those the collective chose for its wijkportret, and only while every
    resident named as teller has an active "verhalen" consent (the rule lives in
    kring.assets.selectors.portrait_stories). Title and text only, never who told it."""
    sharing = [
        c.collective_id
        for c in SharingChoice.objects.filter(municipality=municipality).only(
            "collective_id", "groups"
        )
        if ShareGroup.STORIES in c.groups
    ]
    if not sharing:
        return []
    rows = (
        portrait_stories(sharing)
        .select_related("collective")
        .only("title", "description", "collective__name")
        .order_by("collective__name", "portrait_choice__chosen_at", "id")[:limit]
    )
    return [
        {"title": a.title, "text": a.description, "collective": a.collective.name} for a in rows
    ]


def target_versions(municipality_id: int) -> dict[tuple[str, int], int]:
    """The version of every target of a gemeente: what a page that sets targets has seen."""
    return {
        (indicator, year): version
        for indicator, year, version in Target.objects.filter(
            municipality_id=municipality_id
        ).values_list("indicator", "year", "version")
    }


def sharing_municipalities(collective) -> list[Municipality]:
    """The gemeenten a collective may share with: its own and those of its working area."""
    return list(
        Municipality.objects.filter(
            Q(pk=collective.municipality_id) | Q(districts__neighbourhoods__collectives=collective)
        )
        .distinct()
        .defer("boundary")
        .order_by("name")
    )


def sharing_names(municipality_id: int) -> list[str]:
    """The names of the collectives that share some figures with this gemeente now (what the
    dashboard says while its figures are being made)."""
    return [
        name
        for name, groups in SharingChoice.objects.filter(municipality_id=municipality_id)
        .order_by("collective__name")
        .values_list("collective__name", "groups")
        if groups
    ]

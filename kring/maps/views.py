"""The asset map of a collective, its list beside it, the pictures and the wijkportret."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.assets.models import Category
from kring.assets.selectors import asset_detail, category_counts, story_sharing, visible_assets
from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.languages import map_credit
from kring.geo.geocoding import get_geocoder

from . import portrait, selectors, services
from .forms import GeocodeForm, MapFilterForm, PortraitStoriesForm, ViewportForm
from .render import map_svg as render_map_svg
from .render import svg_to_png
from .styles import legend


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@collective_view(role=Role.MEMBER)
def map_page(request, access: CollectiveAccess):
    form = MapFilterForm(request.GET or None)
    categories = form.selected()
    page = Paginator(selectors.asset_list(access, categories=categories), 50).get_page(
        request.GET.get("page")
    )
    bounds = selectors.working_area_bounds(access)
    config = {
        "clusters": reverse("maps:clusters", args=[access.collective.slug]),
        "boundaries": reverse("maps:boundaries", args=[access.collective.slug]),
        "tiles": getattr(settings, "KRING_MAP_TILES_URL", ""),
        "attribution": map_credit(),
        "bounds": bounds,
        "legend": [{**entry, "label": str(entry["label"])} for entry in legend()],
        "text": {
            "cluster": _("%(n)s bronnen, klik om in te zoomen"),
            "open": _("Bekijk"),
            "gifts": _("%(n)s gaven van bewoners"),
            "assets": _("%(n)s bronnen op de kaart"),
            "map": _("Kaart van de bronnen"),
        },
    }
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "maps/map.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "table": selectors.buurt_table(access),
            "legend": legend(),
            "unplaced": selectors.unplaced_count(access),
            "map_config": config,
            "categories": categories,
        },
    )


@require_GET
@collective_view(role=Role.MEMBER)
def clusters_json(request, access: CollectiveAccess):
    form = ViewportForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": _("Deze kaartvraag klopt niet.")}, status=400)
    categories = form.cleaned_data["category"] or selectors.CATEGORY_KEYS
    answer = selectors.clusters(
        access,
        zoom=form.cleaned_data["zoom"],
        bbox=form.cleaned_data["bbox"],
        categories=categories,
    )
    slug = access.collective.slug
    for point in answer["points"]:
        point["url"] = reverse("assets:detail", args=[slug, point["id"]])
        point["label"] = str(Category(point["category"]).label)
    return JsonResponse(answer)


@require_GET
@collective_view(role=Role.MEMBER)
def boundaries_json(request, access: CollectiveAccess):
    return JsonResponse(selectors.boundaries(access))


@require_GET
@collective_view(role=Role.BUILDER)
def geocode_json(request, access: CollectiveAccess):
    form = GeocodeForm(request.GET)
    if not form.is_valid():
        return JsonResponse(
            {"results": [], "error": _("Typ een adres van minstens drie tekens.")}, status=400
        )
    results = get_geocoder().geocode(form.cleaned_data["q"])
    return JsonResponse(
        {
            "results": [
                {"label": r.label, "lat": round(r.latitude, 6), "lon": round(r.longitude, 6)}
                for r in results
            ]
        }
    )


@require_GET
@collective_view(role=Role.MEMBER)
def map_svg(request, access: CollectiveAccess):
    return _download(render_map_svg(access), "image/svg+xml", f"kaart-{access.collective.slug}.svg")


@require_GET
@collective_view(role=Role.MEMBER)
def map_png(request, access: CollectiveAccess):
    return _download(
        svg_to_png(render_map_svg(access)), "image/png", f"kaart-{access.collective.slug}.png"
    )


@collective_view(role=Role.MEMBER)
def portrait_page(request, access: CollectiveAccess):

    stories = visible_assets(access).filter(category=Category.STORY).order_by("-created_at")
    chosen = list(portrait.chosen_stories(access))
    form = None
    if access.is_builder:
        form = PortraitStoriesForm(
            request.POST or None,
            stories=stories,
            gaps=story_sharing(access, stories),
            initial={"stories": chosen},
        )
        if request.method == "POST" and form.is_valid():
            services.choose_portrait_stories(
                access=access, asset_ids=[s.pk for s in form.cleaned_data["stories"]]
            )
            messages.success(request, _("De verhalen voor het wijkportret zijn opgeslagen."))
            return redirect("maps:portrait", access.collective.slug)
    elif request.method == "POST":
        return redirect("maps:portrait", access.collective.slug)
    gaps = story_sharing(access, chosen)
    return render(
        request,
        "maps/portrait.html",
        {
            "form": form,
            "chosen": [(story, gaps.get(story.pk)) for story in chosen],
            "waiting": [(story, gaps[story.pk]) for story in chosen if story.pk in gaps],
            "counts": category_counts(access),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_POST
@collective_view(role=Role.BUILDER)
def portrait_story(request, access: CollectiveAccess, pk: int):
    """The "show in wijkportret" choice on a story's own page."""
    asset = asset_detail(access, pk)
    if asset.category != Category.STORY:
        raise Http404
    shown = request.POST.get("shown") == "1"
    try:
        services.show_story_in_portrait(access=access, asset=asset, shown=shown)
    except services.TooManyStories:
        messages.error(
            request,
            _(
                "Het wijkportret toont al drie verhalen. Haal er eerst een weg op de pagina Wijkportret."
            ),
        )
    else:
        if shown:
            messages.success(request, _("Dit verhaal staat nu in het wijkportret."))
        else:
            messages.success(request, _("Dit verhaal staat niet meer in het wijkportret."))
    return redirect(asset)


@require_GET
@collective_view(role=Role.MEMBER)
def portrait_pdf(request, access: CollectiveAccess):
    pdf = portrait.portrait_pdf(access, base_url=request.build_absolute_uri("/"))
    return _download(pdf, "application/pdf", f"wijkportret-{access.collective.slug}.pdf")


@require_GET
@collective_view(role=Role.MEMBER)
def portrait_png(request, access: CollectiveAccess):
    pdf = portrait.portrait_pdf(access, base_url=request.build_absolute_uri("/"))
    return _download(
        portrait.pdf_to_png(pdf), "image/png", f"wijkportret-{access.collective.slug}.png"
    )

"""The network pages: the drawing, its figures as tables, connectors and people not yet
connected (buurtmakers only), starting a new analysis and following its progress."""

import datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.jobs import JobStatus
from kring.initiatives.selectors import connection_log, outcome_counts

from . import selectors, services
from .forms import AnalysisForm
from .render import kind_labels, svg_to_png, tie_labels
from .render import network_svg as render_svg


def _analysis_or_404(access):
    analysis = selectors.latest_analysis(access)
    if analysis is None:
        raise Http404
    return analysis


def _comparison(analysis) -> dict:
    comparison = analysis.result.get("comparison")
    if not comparison:
        return {"comparison": None}
    return {
        "comparison": comparison,
        "comparison_from": datetime.date.fromisoformat(comparison["from"]),
    }


def _title(access) -> str:
    return _("Netwerk van %(name)s") % {"name": access.collective.name}


@require_GET
@collective_view(role=Role.MEMBER)
def network_page(request, access: CollectiveAccess):
    analysis = selectors.latest_analysis(access)
    context = {
        "analysis": analysis,
        "running": selectors.running_analysis(access),
        "form": AnalysisForm(initial=AnalysisForm.initial_values()) if access.is_builder else None,
        "tie_labels": tie_labels(),
        "kind_labels": kind_labels(),
    }
    if analysis is not None:
        context["summary"] = analysis.result["summary"]
        context.update(_comparison(analysis))
        context["people"] = selectors.people_lists(access, analysis)
        context["outcomes"] = outcome_counts(connection_log(access))
    return render(request, "network/network.html", context)


@require_POST
@collective_view(role=Role.BUILDER)
def start(request, access: CollectiveAccess):
    form = AnalysisForm(request.POST)
    if not form.is_valid():
        analysis = selectors.latest_analysis(access)
        context = {
            "analysis": analysis,
            "running": selectors.running_analysis(access),
            "form": form,
            "tie_labels": tie_labels(),
            "kind_labels": kind_labels(),
        }
        if analysis is not None:
            context["summary"] = analysis.result["summary"]
            context.update(_comparison(analysis))
            context["people"] = selectors.people_lists(access, analysis)
        return render(request, "network/network.html", context, status=400)
    analysis = services.start_analysis(
        access=access,
        as_of=form.cleaned_data["as_of"],
        compare_from=form.cleaned_data["compare_from"],
    )
    return redirect("network:progress", access.collective.slug, analysis.pk)


@require_GET
@collective_view(role=Role.BUILDER)
def progress(request, access: CollectiveAccess, pk: int):
    analysis = selectors.analysis_detail(access, pk)
    if analysis.status == JobStatus.DONE:
        return redirect("network:index", access.collective.slug)
    return render(request, "network/progress.html", {"analysis": analysis})


@require_GET
@collective_view(role=Role.MEMBER)
def graph_json(request, access: CollectiveAccess):
    return JsonResponse(selectors.graph_json(access, _analysis_or_404(access)))


@require_GET
@collective_view(role=Role.MEMBER)
def network_svg(request, access: CollectiveAccess):
    svg = render_svg(_analysis_or_404(access).result, title=_title(access))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="netwerk-{access.collective.slug}.svg"'
    return response


@require_GET
@collective_view(role=Role.MEMBER)
def network_png(request, access: CollectiveAccess):
    png = svg_to_png(render_svg(_analysis_or_404(access).result, title=_title(access)))
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="netwerk-{access.collective.slug}.png"'
    return response

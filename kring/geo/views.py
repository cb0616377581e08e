from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import render

from .models import District, Neighbourhood


@login_required
def municipality(request):
    """The municipality's own page: its wijken and buurten and the collectives that work there,
    by their public profile only. Never a resident: municipality users have no membership."""
    municipality = request.user.municipality
    if municipality is None:
        raise Http404
    districts = (
        District.objects.filter(municipality=municipality)
        .defer("boundary")
        .prefetch_related(
            Prefetch(
                "neighbourhoods", queryset=Neighbourhood.objects.defer("boundary").order_by("name")
            )
        )
        .order_by("name")
    )
    collectives = (
        municipality.collectives.filter(is_public=True)
        .annotate(area_size=Count("working_area"))
        .order_by("name")
    )
    return render(
        request,
        "geo/municipality.html",
        {"municipality": municipality, "districts": districts, "collectives": collectives},
    )

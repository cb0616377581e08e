"""The export page of a collective and its downloads; the public open-data downloads."""

import json

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Collective, Role
from kring.core.forms import MAX_INTEGER_KEY

from . import archive_jobs, selectors, services
from .forms import OpenDataForm

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _name(collective: Collective, what: str, ext: str) -> str:
    return f"{collective.slug}-{what}-{timezone.localdate():%Y-%m-%d}.{ext}"


def _json(data: dict, filename: str, content_type: str = "application/json") -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return _download(body, f"{content_type}; charset=utf-8", filename)


@require_GET
@collective_view(role=Role.MEMBER)
def export_page(request, access: CollectiveAccess):
    return render(
        request,
        "exports/export.html",
        {
            "counts": selectors.export_counts(access),
            "archives": archive_jobs.recent_archives(access) if access.is_admin else [],
            "open_data_form": OpenDataForm(
                initial={"publish": selectors.open_data_choice(access.collective)}
            )
            if access.is_admin
            else None,
        },
    )


@require_POST
@collective_view(role=Role.ADMIN)
def open_data(request, access: CollectiveAccess):
    form = OpenDataForm(request.POST)
    if not form.is_valid():  # a checkbox is always valid; kept for the rule
        return render(
            request,
            "exports/export.html",
            {"counts": selectors.export_counts(access), "open_data_form": form},
            status=400,
        )
    publish = form.cleaned_data["publish"]
    services.set_open_data(access=access, publish=publish)
    if publish and not access.collective.is_public:
        messages.info(
            request,
            _("Opgeslagen. De open data is pas te zien als het openbare profiel online staat."),
        )
    else:
        messages.success(request, _("Opgeslagen."))
    return redirect("exports:page", access.collective.slug)


@require_GET
@collective_view(role=Role.MEMBER)
def geojson_download(request, access: CollectiveAccess):
    data = services.public_geojson(collective=access.collective)
    return _json(
        data, _name(access.collective, "openbare-bronnen", "geojson"), "application/geo+json"
    )


@require_GET
@collective_view(role=Role.MEMBER)
def hsds_download(request, access: CollectiveAccess):
    data = services.public_hsds(collective=access.collective)
    return _json(data, _name(access.collective, "hsds", "json"))


@require_GET
@collective_view(role=Role.MEMBER)
def assets_csv(request, access: CollectiveAccess):
    body = services.export_assets(access=access, fmt="csv")
    return _download(body, CSV, _name(access.collective, "bronnen", "csv"))


@require_GET
@collective_view(role=Role.MEMBER)
def assets_xlsx(request, access: CollectiveAccess):
    body = services.export_assets(access=access, fmt="xlsx")
    return _download(body, XLSX, _name(access.collective, "bronnen", "xlsx"))


@require_GET
@collective_view(role=Role.BUILDER)
def residents_csv(request, access: CollectiveAccess):
    body = services.export_residents(access=access, fmt="csv")
    return _download(body, CSV, _name(access.collective, "bewoners", "csv"))


@require_GET
@collective_view(role=Role.BUILDER)
def residents_xlsx(request, access: CollectiveAccess):
    body = services.export_residents(access=access, fmt="xlsx")
    return _download(body, XLSX, _name(access.collective, "bewoners", "xlsx"))


@require_POST
@collective_view(role=Role.ADMIN)
def archive_start(request, access: CollectiveAccess):
    """The whole collective in one archive, to move it to another installation: made by the
    background worker; its page shows the progress and then the download."""
    job = archive_jobs.start_archive(access=access)
    return redirect("exports:archive_job", access.collective.slug, job.pk)


def _archive_job(access: CollectiveAccess, pk: int):
    if pk > MAX_INTEGER_KEY:
        raise Http404
    return archive_jobs.archive_job(access, pk)


@require_GET
@collective_view(role=Role.ADMIN)
def archive_job(request, access: CollectiveAccess, pk: int):
    job = archive_jobs.progress_of(_archive_job(access, pk))
    context = {
        "job": job,
        "downloadable": archive_jobs.downloadable(job),
        "keep_hours": settings.KRING_ARCHIVE_KEEP_HOURS,
    }
    template = "exports/_archive_status.html" if request.htmx else "exports/archive.html"
    return render(request, template, context)


@require_GET
@collective_view(role=Role.ADMIN)
def archive_file(request, access: CollectiveAccess, pk: int):
    job = _archive_job(access, pk)
    if not archive_jobs.downloadable(job):
        raise Http404
    try:
        stream = archive_jobs.open_for_download(access=access, job=job)
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        stream,
        as_attachment=True,
        filename=_name(access.collective, "verhuisarchief", "zip"),
        content_type="application/zip",
    )


def _published(slug: str) -> Collective:
    collective = Collective.objects.select_related("municipality").filter(slug=slug).first()
    if collective is None or not selectors.open_data_published(collective):
        raise Http404
    return collective


@require_GET
def public_geojson(request, slug: str):
    collective = _published(slug)
    data = services.public_geojson(collective=collective)
    response = _json(data, _name(collective, "openbare-bronnen", "geojson"), "application/geo+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_hsds(request, slug: str):
    collective = _published(slug)
    response = _json(services.public_hsds(collective=collective), _name(collective, "hsds", "json"))
    response["Access-Control-Allow-Origin"] = "*"
    return response

"""The import pages, in the order a buurtmaker walks them: upload, choose columns, preview,
import (at once, or in the background with a progress bar), result."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.forms import MAX_INTEGER_KEY

from . import reading, selectors, services, template_files
from .fields import fields_for
from .forms import MappingForm, UploadForm
from .models import ImportKind, ImportStatus


def _job(access, pk):
    if pk > MAX_INTEGER_KEY:
        raise Http404
    return selectors.import_job(access, pk)


def _index(request, access, form, status=200):
    context = {
        "form": form,
        "imports": selectors.recent_imports(access),
        "kinds": ImportKind.choices,
    }
    return render(request, "imports/index.html", context, status=status)


@require_GET
@collective_view(role=Role.BUILDER)
def index(request, access: CollectiveAccess):
    return _index(request, access, UploadForm())


@require_POST
@collective_view(role=Role.BUILDER)
def upload(request, access: CollectiveAccess):
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = services.upload(
                access=access, kind=form.cleaned_data["kind"], uploaded=form.cleaned_data["file"]
            )
        except reading.UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            return redirect("imports:mapping", access.collective.slug, job.pk)
    return _index(request, access, form, status=400)


@require_http_methods(["GET", "POST"])
@collective_view(role=Role.BUILDER)
def mapping(request, access: CollectiveAccess, pk: int):
    job = _job(access, pk)
    if job.is_running or (job.is_finished and job.status != ImportStatus.REFUSED) or not job.file:
        return redirect("imports:detail", access.collective.slug, job.pk)
    if request.method == "POST":
        form = MappingForm(request.POST, job=job)
        if form.is_valid():
            services.set_mapping(access=access, job=job, mapping=form.cleaned_data["mapping"])
            return redirect("imports:preview", access.collective.slug, job.pk)
        status = 400
    else:
        form = MappingForm(job=job)
        status = 200
    return render(request, "imports/mapping.html", {"job": job, "form": form}, status=status)


@require_GET
@collective_view(role=Role.BUILDER)
def preview(request, access: CollectiveAccess, pk: int):
    job = _job(access, pk)
    if job.status not in (ImportStatus.MAPPED, ImportStatus.REFUSED) or not job.file:
        return redirect("imports:detail", access.collective.slug, job.pk)
    try:
        outcome = services.preview(job)
    except reading.UnreadableFile as error:
        return render(
            request, "imports/preview.html", {"job": job, "unreadable": str(error)}, status=400
        )
    fields = [f for f in fields_for(job.kind) if f.key in job.mapping]
    rows = []
    for record in outcome.preview:
        errors = record.values.get("__errors__")
        rows.append(
            {
                "row": record.row,
                "errors": errors or [],
                "cells": [] if errors else [_shown(record, f.key) for f in fields],
            }
        )
    context = {
        "job": job,
        "fields": fields,
        "rows": rows,
        "outcome": outcome,
        "checked_all": not services.runs_in_background(job),
        "background": services.runs_in_background(job),
    }
    return render(request, "imports/preview.html", context)


def _shown(record, key: str) -> str:
    """A cleaned value as the preview shows it."""
    if key.startswith("consent_"):
        consent = record.consent
        if consent is None:
            return ""
        return {
            "consent_purposes": ", ".join(sorted(consent.purposes)),
            "consent_date": consent.given_at.date().isoformat(),
            "consent_method": consent.method,
        }[key]
    if key.startswith("resident_"):
        resident = record.resident
        if isinstance(resident, int) or resident is None:
            return "✓" if key == "resident_name" else ""
        return getattr(resident, key.removeprefix("resident_"), "")
    if key == "tags":
        return ", ".join(record.tags)
    if key == "neighbourhood":
        return "✓" if record.values.get("neighbourhood_id") else ""
    value = record.values.get(key)
    return "" if value is None else str(value)


@require_POST
@collective_view(role=Role.BUILDER)
def start(request, access: CollectiveAccess, pk: int):
    job = _job(access, pk)
    if job.status in (ImportStatus.MAPPED, ImportStatus.REFUSED) and job.file:
        services.start_import(access=access, job=job)
    return redirect("imports:detail", access.collective.slug, job.pk)


@require_GET
@collective_view(role=Role.BUILDER)
def detail(request, access: CollectiveAccess, pk: int):
    job = services.progress_of(_job(access, pk))
    template = "imports/_progress.html" if request.htmx else "imports/detail.html"
    return render(request, template, {"job": job})


@require_POST
@collective_view(role=Role.BUILDER)
def discard(request, access: CollectiveAccess, pk: int):
    job = _job(access, pk)
    services.discard(access=access, job=job)
    return redirect("imports:index", access.collective.slug)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _kind(kind: str) -> str:
    if kind not in ImportKind.values:
        raise Http404
    return kind


@require_GET
@collective_view(role=Role.BUILDER)
def template_csv(request, access: CollectiveAccess, kind: str):
    kind = _kind(kind)
    return _download(
        template_files.template_csv(kind, access.collective),
        "text/csv; charset=utf-8",
        f"{template_files.FILE_NAMES[kind]}.csv",
    )


@require_GET
@collective_view(role=Role.BUILDER)
def template_xlsx(request, access: CollectiveAccess, kind: str):
    kind = _kind(kind)
    return _download(
        template_files.template_xlsx(kind, access.collective),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{template_files.FILE_NAMES[kind]}.xlsx",
    )

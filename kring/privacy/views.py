"""Rights of residents (inzage, correction, erasure), with or without their own log-in; the
audit log for a collective's admins; the accessibility statement."""

import json
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.locking import save_or_conflict
from kring.people.selectors import resident_detail

from . import services
from .export_pdf import export_pdf
from .forms import AuditFilterForm, EraseForm, OwnDataForm, OwnEraseForm
from .mentions import parse_key
from .selectors import (
    audit_actors,
    audit_entries,
    erasure_mentions,
    erasure_receipt,
    erasure_receipts,
    export_sections,
    own_resident,
    receipt_lines,
)

AUDIT_PAGE_SIZE = 50


def _json(data: dict, resident) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"gegevens-{resident.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _pdf(request, data: dict, resident) -> HttpResponse:
    pdf = export_pdf(data=data, resident=resident, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"gegevens-{slugify(resident.collective.slug)}-{resident.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Staff acting on a resident's request -------------------------------------------------------


@collective_view(role=Role.BUILDER)
def resident_privacy(request, access: CollectiveAccess, pk: int):
    """Inzage: everything kept about the resident, readable, with the other rights beside it."""
    resident = resident_detail(access, pk)
    data = services.export_resident(actor=request.user, resident=resident, fmt="page")
    return render(
        request,
        "privacy/resident_privacy.html",
        {"resident": resident, "sections": export_sections(data), "data": data},
    )


@collective_view(role=Role.BUILDER)
def resident_export_json(request, access: CollectiveAccess, pk: int):
    resident = resident_detail(access, pk)
    return _json(
        services.export_resident(actor=request.user, resident=resident, fmt="json"), resident
    )


@collective_view(role=Role.BUILDER)
def resident_export_pdf(request, access: CollectiveAccess, pk: int):
    resident = resident_detail(access, pk)
    data = services.export_resident(actor=request.user, resident=resident, fmt="pdf")
    return _pdf(request, data, resident)


# At most this many texts count as "shown before" (they come back with the form).
MAX_SHOWN = 2000


@collective_view(role=Role.BUILDER)
def resident_erase(request, access: CollectiveAccess, pk: int):
    """Erasure with care: first the texts that name the resident, to edit or to keep with a
    reason; then the erasure, and its receipt."""
    resident = resident_detail(access, pk)
    found = erasure_mentions(resident)
    posted = request.method == "POST"
    form = EraseForm(request.POST if posted else None, mentions=found.to_review)
    shown = [key for key in request.POST.getlist("shown")[:MAX_SHOWN] if parse_key(key)]
    shown = list(dict.fromkeys([*shown, *(m.key for m in found.to_review)]))
    if posted and form.is_valid():
        result = services.erase_resident(
            actor=request.user, resident=resident, shown=shown, left=form.left()
        )
        messages.success(
            request,
            _("De gegevens zijn gewist. Tellingen (zoals gesprekken) blijven, zonder naam."),
        )
        if result.receipt is None:  # erased meanwhile, by someone else sending the same form
            return redirect("privacy:erasure_receipts", access.collective.slug)
        return redirect("privacy:erasure_receipt", access.collective.slug, result.receipt.pk)
    return render(
        request,
        "privacy/erase_confirm.html",
        {"form": form, "resident": resident, "found": found, "shown": shown},
        status=400 if form.errors else 200,
    )


@collective_view(role=Role.BUILDER)
def erasure_receipt_view(request, access: CollectiveAccess, pk: int):
    receipt = erasure_receipt(access, pk)
    return render(
        request,
        "privacy/erasure_receipt.html",
        {"receipt": receipt, "lines": receipt_lines(receipt)},
    )


@collective_view(role=Role.BUILDER)
def erasure_receipt_list(request, access: CollectiveAccess):
    page = Paginator(erasure_receipts(access), AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/erasure_receipts.html", {"page": page})


# The resident themselves ("Mijn gegevens") ---------------------------------------------------


def _own(request):
    resident = own_resident(request.user)
    if resident is None:
        raise Http404
    return resident


@login_required
def my_data(request):
    resident = _own(request)
    data = services.export_resident(actor=request.user, resident=resident, fmt="page")
    return render(
        request,
        "privacy/my_data.html",
        {"resident": resident, "sections": export_sections(data)},
    )


@login_required
def my_export_json(request):
    resident = _own(request)
    return _json(
        services.export_resident(actor=request.user, resident=resident, fmt="json"), resident
    )


@login_required
def my_export_pdf(request):
    resident = _own(request)
    data = services.export_resident(actor=request.user, resident=resident, fmt="pdf")
    return _pdf(request, data, resident)


@login_required
def my_edit(request):
    resident = _own(request)
    form = OwnDataForm(request.POST or None, instance=resident)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.correct_own_data(
                user=request.user,
                resident=form.save(commit=False),
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Uw gegevens zijn opgeslagen."))
            return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_edit.html",
        {"form": form, "conflict": conflict},
        status=400 if form.errors else 200,
    )


@login_required
def my_erase(request):
    resident = _own(request)
    form = OwnEraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = services.erase_resident(actor=request.user, resident=resident)
        if result.login == "deleted":
            logout(request)
            return render(request, "privacy/erased.html")
        messages.success(request, _("Uw gegevens zijn gewist."))
        return redirect("home")
    return render(
        request,
        "privacy/erase_confirm.html",
        {"form": form, "resident": resident, "own": True},
        status=400 if form.errors else 200,
    )


# The audit log --------------------------------------------------------------------------------


@collective_view(role=Role.ADMIN)
def audit_log(request, access: CollectiveAccess):
    form = AuditFilterForm(request.GET or None, actors=audit_actors(access))
    criteria = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries(
        access,
        action=criteria.get("action") or "",
        actor=criteria.get("actor"),
        since=criteria.get("since"),
        until=criteria.get("until"),
        subject_id=criteria.get("bewoner"),
    )
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if form.errors else 200,
    )


# Public ---------------------------------------------------------------------------------------


# The day this statement was last checked against the product.
STATEMENT_DATE = date(2026, 11, 25)


def accessibility(request):
    return render(
        request,
        "privacy/accessibility.html",
        {"support_email": settings.KRING_ACCESSIBILITY_EMAIL, "statement_date": STATEMENT_DATE},
    )

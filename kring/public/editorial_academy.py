"""The editors' pages for one academy meeting: the registration list (on screen, CSV, XLSX)
with attendance, and a mail to everyone registered (write, preview, confirm, report)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kring.core import audit, bulkmail
from kring.core.decorators import network_editor_required
from kring.core.locking import save_or_conflict
from kring.exports.tables import to_csv, to_xlsx

from . import mail
from .forms import AttendanceForm, MeetingMailForm
from .models import (
    Meeting,
    MeetingMail,
    MeetingMailStatus,
    RegistrationStatus,
)
from .services import academy


def _registrations(meeting: Meeting):
    return meeting.registrations.order_by("created_at", "pk")


@network_editor_required
@require_http_methods(["GET", "POST"])
def registrations(request, pk: int):
    """The list, with aanwezig ja/nee per registration (one form, saved at once)."""
    meeting = get_object_or_404(Meeting, pk=pk)
    rows = _registrations(meeting)
    form = AttendanceForm(request.POST or None, registrations=rows, version=meeting.version)
    conflict = None
    if request.method == "POST" and form.is_valid():
        changed, conflict = save_or_conflict(
            form,
            lambda: academy.record_attendance(
                editor=request.user,
                meeting=meeting,
                marks=form.marks(),
                expected_version=form.expected_version,
            ),
        )
        if conflict is None:
            messages.success(
                request,
                _("Aanwezigheid opgeslagen (%(count)s aangepast).") % {"count": changed},
            )
            return redirect("editorial:meeting_registrations", pk=meeting.pk)
    elif request.method != "POST":  # a refused save changes nothing, not even the log
        audit.record(
            actor=request.user,
            collective=None,
            action=audit.Action.VIEW,
            target=meeting,
            summary="Aanmeldingen van een bijeenkomst bekeken",
        )
    counts = rows.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=Q(attended=True)),
    )
    return render(
        request,
        "public/editorial/registrations.html",
        {
            "meeting": meeting,
            "form": form,
            "conflict": conflict,
            "counts": counts,
            "mails": meeting.mails.all()[:20],
        },
        status=400 if request.method == "POST" else 200,
    )


def registration_table(meeting: Meeting) -> tuple[list[str], list[list]]:
    headers = [
        _("Naam"),
        _("E-mailadres"),
        _("Organisatie"),
        _("Status"),
        _("Aangemeld op"),
        _("Aanwezig"),
    ]
    shown = {True: _("ja"), False: _("nee"), None: ""}
    rows = [
        [
            r.name,
            r.email,
            r.organisation,
            r.get_status_display(),
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            shown[r.attended],
        ]
        for r in _registrations(meeting)
    ]
    return headers, rows


@network_editor_required
def registrations_download(request, pk: int, fmt: str):
    meeting = get_object_or_404(Meeting, pk=pk)
    headers, rows = registration_table(meeting)
    audit.record(
        actor=request.user,
        collective=None,
        action=audit.Action.EXPORT,
        target=meeting,
        summary=f"Aanmeldingen van een bijeenkomst gedownload ({fmt}, {len(rows)} rijen)",
    )
    name = f"aanmeldingen-{meeting.slug}"
    if fmt == "xlsx":
        content = to_xlsx(headers, rows, title=_("Aanmeldingen"))
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(to_csv(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- Mail to everyone registered ----------------------------------------------------------


def _mail_page(request, form, *, meeting, meeting_mail, conflict=None, status=200):
    return render(
        request,
        "public/editorial/meeting_mail_edit.html",
        {
            "form": form,
            "meeting": meeting,
            "meeting_mail": meeting_mail,
            "conflict": conflict,
            "counts": academy.recipient_counts(meeting),
        },
        status=status,
    )


@network_editor_required
@require_http_methods(["GET", "POST"])
def meeting_mail_new(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        draft.meeting = meeting
        saved = academy.save_meeting_mail(editor=request.user, meeting_mail=draft)
        return redirect("editorial:meeting_mail_preview", pk=saved.pk)
    return _mail_page(
        request,
        form,
        meeting=meeting,
        meeting_mail=None,
        status=400 if request.method == "POST" else 200,
    )


@network_editor_required
@require_http_methods(["GET", "POST"])
def meeting_mail_edit(request, pk: int):
    meeting_mail = get_object_or_404(MeetingMail.objects.select_related("meeting"), pk=pk)
    if meeting_mail.status != MeetingMailStatus.DRAFT:
        return redirect("editorial:meeting_mail_report", pk=meeting_mail.pk)
    form = MeetingMailForm(request.POST or None, instance=meeting_mail)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved, conflict = save_or_conflict(
                form,
                lambda: academy.save_meeting_mail(
                    editor=request.user,
                    meeting_mail=form.save(commit=False),
                    expected_version=form.expected_version,
                ),
            )
        except academy.NotDraft:
            return redirect("editorial:meeting_mail_report", pk=meeting_mail.pk)
        if saved is not None:
            return redirect("editorial:meeting_mail_preview", pk=saved.pk)
    return _mail_page(
        request,
        form,
        meeting=meeting_mail.meeting,
        meeting_mail=meeting_mail,
        conflict=conflict,
        status=400 if request.method == "POST" else 200,
    )


@network_editor_required
def meeting_mail_preview(request, pk: int):
    meeting_mail = get_object_or_404(MeetingMail.objects.select_related("meeting"), pk=pk)
    return render(
        request,
        "public/editorial/meeting_mail_preview.html",
        {
            "meeting_mail": meeting_mail,
            "meeting": meeting_mail.meeting,
            "mail": mail.meeting_mail_context(meeting_mail, None, cancel=""),
            "counts": academy.recipient_counts(meeting_mail.meeting),
            "is_draft": meeting_mail.status == MeetingMailStatus.DRAFT,
        },
    )


@network_editor_required
@require_http_methods(["GET", "POST"])
def meeting_mail_send(request, pk: int):
    """GET: the confirmation, saying how many will get it; POST: send in the background."""
    meeting_mail = get_object_or_404(MeetingMail.objects.select_related("meeting"), pk=pk)
    if meeting_mail.status != MeetingMailStatus.DRAFT:
        return redirect("editorial:meeting_mail_report", pk=meeting_mail.pk)
    counts = academy.recipient_counts(meeting_mail.meeting)
    if request.method == "POST":
        if counts.total == 0:
            messages.error(request, _("Er is niemand aangemeld om deze mail naar te sturen."))
            return redirect("editorial:meeting_mail_preview", pk=meeting_mail.pk)
        count = academy.start_meeting_mail(editor=request.user, meeting_mail=meeting_mail)
        messages.success(
            request,
            _("De mail gaat nu naar %(count)s mensen. Hieronder ziet u hoe het gaat.")
            % {"count": count},
        )
        return redirect("editorial:meeting_mail_report", pk=meeting_mail.pk)
    return render(
        request,
        "public/editorial/meeting_mail_send.html",
        {"meeting_mail": meeting_mail, "meeting": meeting_mail.meeting, "counts": counts},
    )


@network_editor_required
def meeting_mail_report(request, pk: int):
    meeting_mail = get_object_or_404(MeetingMail.objects.select_related("meeting"), pk=pk)
    deliveries = meeting_mail.deliveries.select_related("registration").order_by("pk")
    counts = bulkmail.report(deliveries)
    return render(
        request,
        "public/editorial/meeting_mail_report.html",
        {
            "meeting_mail": meeting_mail,
            "meeting": meeting_mail.meeting,
            "counts": counts,
            "rows": deliveries[:500],
        },
    )

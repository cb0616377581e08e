"""The collective's sharing page, and the municipality's dashboard, targets and reports. A
municipality page never reads community data itself: its figures come from ``aggregates``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.jobs import JobStatus
from kring.core.languages import map_credit
from kring.core.locking import EditConflict, save_or_conflict

from . import dashboard, prepared, selectors, services
from .forms import PeriodForm, ReportForm, SharingForm, TargetForm
from .indicators import all_indicators
from .models import ShareGroup


@collective_view(role=Role.ADMIN)
def sharing(request, access: CollectiveAccess):
    municipalities = selectors.sharing_municipalities(access.collective)
    current = selectors.sharing_of(access.collective)
    versions = selectors.sharing_versions(access.collective)
    status = 200
    failed = conflict = None
    if request.method == "POST":
        chosen_pk = request.POST.get("municipality", "")
        form = SharingForm(
            request.POST,
            municipalities=municipalities,
            version=versions.get(int(chosen_pk), 0) if chosen_pk.isdigit() else 0,
        )
        if form.is_valid():
            chosen = next(m for m in municipalities if m.pk == form.cleaned_data["municipality"])
            saved, conflict = save_or_conflict(
                form,
                lambda: services.set_sharing(
                    access=access,
                    municipality=chosen,
                    groups=form.cleaned_data["groups"],
                    expected_version=form.expected_version,
                ),
            )
            if saved is not None:
                messages.success(
                    request,
                    _("Opgeslagen. De gemeente ziet dit binnen een minuut.")
                    if form.cleaned_data["groups"]
                    else _("Opgeslagen. U deelt niets meer met deze gemeente; dat geldt meteen."),
                )
                return redirect("impact:sharing", access.collective.slug)
        failed, status = form, 400
    forms = []
    for m in municipalities:
        if failed is not None and str(failed.data.get("municipality")) == str(m.pk):
            forms.append((m, failed))
            failed = None
        else:
            forms.append(
                (
                    m,
                    SharingForm(
                        initial={"municipality": m.pk, "groups": current.get(m.pk, [])},
                        municipalities=municipalities,
                        version=versions.get(m.pk, 0),
                    ),
                )
            )
    if failed is not None:
        forms.insert(0, (None, failed))
    return render(
        request,
        "impact/sharing.html",
        {
            "forms": forms,
            "log": selectors.sharing_log(access.collective),
            "group_labels": dict(ShareGroup.choices),
            "conflict": conflict,
        },
        status=status,
    )


def _municipality_user(request):
    if not request.user.is_municipality_user:
        raise Http404
    return request.user


def _dashboard(request, user, *, form, target_form=None, conflict=None, status=200):
    year, compare = form.values()
    indicator = request.GET.get("indicator", "residents")[:40]
    area = request.GET.get("area", "G")[:30]
    # The last figures the worker made, at once; how fresh they are is said on the page.
    answers = {y: prepared.answer(user=user, year=y) for y in (year, compare) if y}
    if answers[year].figures is None:
        return render(
            request,
            "impact/preparing.html",
            {
                "municipality": user.municipality,
                "period_form": form,
                "sharing": selectors.sharing_names(user.municipality_id),
                "reports": selectors.reports_of(user),
                "report_form": ReportForm(initial={"year": year}),
            },
            status=status,
        )
    context = dashboard.build(
        user=user,
        year=year,
        compare=compare,
        indicator=indicator,
        area=area,
        figures_of=lambda y: answers[y].figures,
    )
    context.update(
        {
            "freshness": _freshness(answers, compare),
            "period_form": form,
            "target_form": target_form
            or TargetForm(
                indicators=context["figures"].indicators,
                initial={"year": year},
                versions=selectors.target_versions(user.municipality_id),
            ),
            "conflict": conflict,
            "report_form": ReportForm(initial={"year": year}),
            "reports": selectors.reports_of(user),
            "map_config": {
                "tiles": context["tiles"],
                "attribution": map_credit(),
                "areas": selectors.choropleth(context["figures"], context["map_indicator"].key),
            },
        }
    )
    return render(request, "impact/dashboard.html", context, status=status)


def _freshness(answers: dict, compare: int | None) -> dict:
    """When the figures shown were made (the oldest of the years shown), whether newer ones are
    being made, and whether the comparison year is not made yet."""
    shown = [a for a in answers.values() if a.figures is not None]
    made_at = timezone.localtime(min(a.made_at for a in shown))
    time = made_at.strftime("%H:%M")
    if made_at.date() == timezone.localdate():
        when = _("vandaag om %(time)s") % {"time": time}
    else:
        when = _("%(date)s om %(time)s") % {"date": date_format(made_at, "j F Y"), "time": time}
    return {
        "made_at": made_at,
        "when": when,
        "stale": any(a.stale for a in shown),
        "compare_missing": bool(compare) and answers[compare].figures is None,
    }


@require_GET
@login_required
def dashboard_page(request):
    user = _municipality_user(request)
    form = PeriodForm(request.GET or None)
    return _dashboard(request, user, form=form, status=400 if form.errors else 200)


@require_POST
@login_required
def target(request):
    user = _municipality_user(request)
    form = TargetForm(request.POST, indicators=all_indicators())
    if not form.is_valid():
        return _dashboard(request, user, form=PeriodForm(), target_form=form, status=400)
    try:
        services.set_target(
            user=user,
            indicator=form.cleaned_data["indicator"],
            year=form.cleaned_data["year"],
            value=form.cleaned_data["value"],
            seen=form.cleaned_data["seen"],
        )
    except EditConflict as error:
        rows = form.show_conflict(error.current, selectors.target_versions(user.municipality_id))
        conflict = {"rows": rows, "by": error.current.set_by}
        return _dashboard(
            request, user, form=PeriodForm(), target_form=form, conflict=conflict, status=400
        )
    messages.success(request, _("Het doel is opgeslagen."))
    return redirect(f"{_dashboard_url()}?year={form.cleaned_data['year']}#doelen")


def _dashboard_url():
    from django.urls import reverse

    return reverse("impact:dashboard")


@require_POST
@login_required
def report_start(request):
    user = _municipality_user(request)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een jaar uit de lijst."))
        return redirect(_dashboard_url())
    report = services.start_report(user=user, year=form.cleaned_data["year"])
    return redirect("impact:report", report.pk)


@require_GET
@login_required
def report(request, pk: int):
    user = _municipality_user(request)
    record = selectors.report_of(user, pk)
    if record is None:
        raise Http404
    return render(request, "impact/report.html", {"report": record})


def _download(request, pk: int, kind: str):
    user = _municipality_user(request)
    record = selectors.report_of(user, pk)
    if record is None or record.status != JobStatus.DONE:
        raise Http404
    stored = getattr(record, kind)
    if not stored:
        raise Http404
    extension = {"pdf": "pdf", "xlsx": "xlsx", "csv": "csv"}[kind]
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"kring-{record.municipality.code}-{record.year}.{extension}",
    )


@require_GET
@login_required
def report_pdf(request, pk: int):
    return _download(request, pk, "pdf")


@require_GET
@login_required
def report_xlsx(request, pk: int):
    return _download(request, pk, "xlsx")


@require_GET
@login_required
def report_csv(request, pk: int):
    return _download(request, pk, "csv")

"""Pages of activities: the agenda, a place's calendar, one activity or a series of them
(recurring dates, skipped and moved ones) and attendance."""

from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.locking import save_or_conflict

from . import recurrence, selectors, services
from .forms import (
    ActivityForm,
    AttendanceForm,
    SeriesForm,
)
from .view_helpers import confirm_page, form_page


def _week(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = timezone.localdate()
    return selectors.week_start(day)


@collective_view()
def agenda(request, access: CollectiveAccess):
    monday = _week(request.GET.get("week", ""))
    return render(
        request,
        "initiatives/agenda.html",
        {
            "days": selectors.week_agenda(access, monday),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "is_this_week": monday == selectors.week_start(timezone.localdate()),
            "today": timezone.localdate(),
            "public_agenda": access.collective.is_public,
        },
    )


@collective_view()
def place_calendar(request, access: CollectiveAccess, pk: int):
    place = selectors.place_detail(access, pk)
    since = _week(request.GET.get("week", ""))
    return render(
        request,
        "initiatives/place_calendar.html",
        {
            "place": place,
            "days": selectors.place_calendar(access, place, since=since),
            "since": since,
            "previous": since - timedelta(days=28),
            "next": since + timedelta(days=28),
        },
    )


def _conflict_message(other) -> str:
    if other is None:
        return _("Deze plek is op die tijd al bezet. Kies een andere tijd of plek.")
    return _(
        "Deze plek is dan al bezet door “%(title)s” van %(initiative)s, op %(date)s van "
        "%(start)s tot %(end)s. Kies een andere tijd of een andere plek."
    ) % {
        "title": other.title,
        "initiative": other.initiative.title,
        "date": formats.date_format(other.date, "l j F"),
        "start": other.start_time.strftime("%H:%M"),
        "end": other.end_time.strftime("%H:%M"),
    }


def _series_conflict_message(clashes, *, new: bool = True) -> str:
    """All dates of a series on which the place is taken, each with what holds it."""
    shown = []
    for day, other in clashes[:8]:
        when = formats.date_format(day, "l j F Y")
        if other is None:
            shown.append(when)
        else:
            shown.append(
                _("%(date)s (“%(title)s”, %(start)s–%(end)s)")
                % {
                    "date": when,
                    "title": other.title,
                    "start": other.start_time.strftime("%H:%M"),
                    "end": other.end_time.strftime("%H:%M"),
                }
            )
    more = len(clashes) - len(shown)
    text = _("Deze plek is al bezet op: %(dates)s.") % {"dates": "; ".join(shown)}
    if more > 0:
        text += " " + _("En nog %(count)s keer.") % {"count": more}
    if new:
        hint = _(
            "Kies een andere tijd of plek, of zet die datums bij ‘Niet op deze dagen’ "
            "om ze over te slaan."
        )
    else:
        hint = _(
            "Kies een andere tijd of plek, of sla die datums eerst over op de pagina van de reeks."
        )
    return f"{text} {hint}"


def _save_activity(request, access, form, initiative):
    """Book the activity; on a double booking the form keeps everything and says why; on an
    edit someone else saved meanwhile the form shows theirs (returned as the conflict). One
    occurrence of a series that is changed here is changed on its own (``moved``)."""
    activity = form.save(commit=False)
    activity.initiative = initiative
    if activity.series_id is not None and set(form.changed_data) - {"version"}:
        activity.moved = True
    try:
        return save_or_conflict(
            form,
            lambda: services.save_activity(
                access=access,
                activity=activity,
                expected_version=getattr(form, "expected_version", None),
            ),
        )
    except services.DoubleBooking as conflict:
        form.add_error("start_time", _conflict_message(conflict.other))
        return None, None


@collective_view(role=Role.BUILDER)
def activity_create(request, access: CollectiveAccess, pk: int):
    initiative = selectors.initiative_detail(access, pk)
    initial = {"title": initiative.title}
    if request.GET.get("plek", "").isdigit():
        initial["place"] = request.GET["plek"]
    form = ActivityForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.is_series:
            try:
                result = services.save_series(
                    access=access, series=form.series(initiative), skipped=form.skipped
                )
            except services.SeriesDoubleBooking as refused:
                form.add_error(None, _series_conflict_message(refused.clashes))
            else:
                messages.success(
                    request,
                    _("De reeks staat in de agenda: %(count)s keer.") % {"count": result.created},
                )
                return redirect(result.series)
        else:
            activity, _conflict = _save_activity(request, access, form, initiative)
            if activity is not None:
                messages.success(request, _("De activiteit staat in de agenda."))
                return redirect(activity)
    return form_page(
        request,
        form,
        template="initiatives/activity_form.html",
        title=_("Activiteit plannen"),
        back_url=initiative.get_absolute_url(),
        back_label=initiative.title,
        submit=_("In de agenda zetten"),
    )


@collective_view(role=Role.BUILDER)
def activity_edit(request, access: CollectiveAccess, pk: int):
    activity = selectors.activity_detail(access, pk)
    form = ActivityForm(request.POST or None, instance=activity, access=access)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = _save_activity(request, access, form, activity.initiative)
        if saved is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(saved)
    return form_page(
        request,
        form,
        template="initiatives/activity_form.html",
        title=_("Alleen deze keer aanpassen") if activity.series_id else _("Activiteit aanpassen"),
        back_url=activity.get_absolute_url(),
        back_label=activity.title,
        submit=_("Opslaan"),
        conflict=conflict,
        occurrence=activity if activity.series_id else None,
    )


@collective_view(role=Role.BUILDER)
def activity_delete(request, access: CollectiveAccess, pk: int):
    activity = selectors.activity_detail(access, pk)
    if request.method == "POST":
        initiative, series = activity.initiative, activity.series
        services.delete_activity(access=access, activity=activity)
        if series is not None:
            messages.success(
                request,
                _("%(date)s gaat niet door. De rest van de reeks blijft staan.")
                % {"date": formats.date_format(activity.date, "l j F Y")},
            )
            return redirect(series)
        messages.success(request, _("De activiteit is uit de agenda gehaald."))
        return redirect(initiative)
    if activity.series_id:
        return render(
            request,
            "initiatives/confirm_skip.html",
            {"activity": activity, "cancel_url": activity.get_absolute_url()},
        )
    return confirm_page(request, str(activity), activity.get_absolute_url())


@collective_view()
def series_view(request, access: CollectiveAccess, pk: int):
    series = selectors.series_detail(access, pk)
    today = timezone.localdate()
    occurrences = list(selectors.series_occurrences(access, series))
    return render(
        request,
        "initiatives/series.html",
        {
            "series": series,
            "rule": recurrence.describe(series),
            "upcoming": [o for o in occurrences if o.date >= today],
            "past": [o for o in occurrences if o.date < today],
            "skipped": series.skipped_dates.all(),
            "public_agenda": access.collective.is_public,
        },
    )


@collective_view(role=Role.BUILDER)
def series_edit(request, access: CollectiveAccess, pk: int):
    series = selectors.series_detail(access, pk)
    form = SeriesForm(request.POST or None, instance=series, access=access)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            result, conflict = save_or_conflict(
                form,
                lambda: services.save_series(
                    access=access,
                    series=form.save(commit=False),
                    expected_version=form.expected_version,
                ),
            )
        except services.SeriesDoubleBooking as refused:
            form.add_error(None, _series_conflict_message(refused.clashes, new=False))
        else:
            if result is not None:
                messages.success(request, _("De hele reeks is aangepast."))
                return redirect(result.series)
    return form_page(
        request,
        form,
        template="initiatives/activity_form.html",
        title=_("De hele reeks aanpassen"),
        back_url=series.get_absolute_url(),
        back_label=series.title,
        submit=_("Reeks opslaan"),
        conflict=conflict,
        series=series,
    )


@collective_view(role=Role.BUILDER)
def series_delete(request, access: CollectiveAccess, pk: int):
    series = selectors.series_detail(access, pk)
    if request.method == "POST":
        initiative = series.initiative
        stayed = services.delete_series(access=access, series=series)
        if stayed:
            messages.success(
                request,
                _(
                    "De reeks is uit de agenda gehaald. %(count)s keer met aanwezigheid blijft "
                    "staan, zodat wie er was meetelt."
                )
                % {"count": stayed},
            )
        else:
            messages.success(request, _("De reeks is uit de agenda gehaald."))
        return redirect(initiative)
    return confirm_page(
        request,
        _("de hele reeks “%(title)s”") % {"title": series.title},
        series.get_absolute_url(),
    )


@require_POST
@collective_view(role=Role.BUILDER)
def series_restore(request, access: CollectiveAccess, pk: int):
    series = selectors.series_detail(access, pk)
    try:
        day = date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        day = None
    if day is None or not series.skipped_dates.filter(date=day).exists():
        messages.error(request, _("Deze datum is niet overgeslagen. Kijk de lijst hieronder na."))
        return redirect(series)
    try:
        services.restore_date(access=access, series=series, day=day)
    except services.SeriesDoubleBooking as refused:
        messages.error(request, _series_conflict_message(refused.clashes, new=False))
        return redirect(series)
    messages.success(
        request,
        _("%(date)s gaat toch door.") % {"date": formats.date_format(day, "l j F Y")},
    )
    return redirect(series)


@collective_view()
def activity_view(request, access: CollectiveAccess, pk: int):
    activity = selectors.activity_detail(access, pk)
    connections = selectors.activity_connections(access, activity) if access.is_builder else []
    return render(
        request,
        "initiatives/activity.html",
        {
            "activity": activity,
            "connections": connections,
            "tie_groups": selectors.activity_tie_groups(connections),
        },
    )


@collective_view(role=Role.BUILDER)
def activity_attendance(request, access: CollectiveAccess, pk: int):
    activity = selectors.activity_detail(access, pk)
    form = AttendanceForm(
        request.POST or None,
        access=access,
        initial={
            "attendees": list(activity.attendees.all()),
            "hours_given": activity.hours_given,
            "items_repaired": activity.items_repaired,
        },
        version=activity.version,
    )
    result, conflict = None, None
    if request.method == "POST" and form.is_valid():
        result, conflict = save_or_conflict(
            form,
            lambda: services.record_attendance(
                access=access,
                activity=activity,
                attendees=list(form.cleaned_data["attendees"]),
                hours_given=form.cleaned_data["hours_given"],
                items_repaired=form.cleaned_data["items_repaired"],
                expected_version=form.expected_version,
            ),
        )
    if result is not None:
        messages.success(
            request,
            _("Aanwezigheid opgeslagen: %(people)s bewoners, %(ties)s nieuwe verbindingen.")
            % {"people": result.attendees, "ties": result.new_connections},
        )
        return redirect(activity)
    return form_page(
        request,
        form,
        title=_("Wie waren er?"),
        back_url=activity.get_absolute_url(),
        back_label=str(activity),
        submit=_("Aanwezigheid opslaan"),
        lead=_(
            "Vink aan wie er was. Kring legt vast wie elkaar daar ontmoetten en telt de uren hulp."
        ),
        conflict=conflict,
    )

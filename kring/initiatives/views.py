from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core import audit
from kring.core.locking import EditConflict, save_or_conflict

from . import recurrence, selectors, services
from .forms import (
    NEED_FIELDS,
    ActivityForm,
    AttendanceForm,
    ConnectionFilterForm,
    ConnectionForm,
    InitiativeFilterForm,
    InitiativeForm,
    NeedForm,
    PledgeForm,
    SeriesForm,
)
from .models import NeedStatus, Question
from .notes import introduction_text, send_links

PAGE_SIZE = 30


def _status(form, status: int = 400) -> int:
    return status if form.errors else 200


def _confirm(request, name: str, cancel_url: str):
    return render(
        request, "initiatives/confirm_delete.html", {"name": name, "cancel_url": cancel_url}
    )


def _form_page(request, form, *, title: str, back_url: str, back_label: str, submit: str, **extra):
    """The one page layout for the smaller forms: a heading, the form, save or go back."""
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "back_label": back_label,
        "submit": submit,
        **extra,
    }
    return render(request, "initiatives/simple_form.html", context, status=_status(form))


@collective_view()
def initiative_index(request, access: CollectiveAccess):
    filters = InitiativeFilterForm(request.GET or None, access=access)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    initiatives = selectors.initiative_list(
        access,
        status=criteria.get("status") or "",
        task=criteria.get("task"),
        neighbourhood=criteria.get("neighbourhood"),
    )
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "initiatives/_results.html" if request.htmx else "initiatives/list.html"
    return render(request, template, {"filters": filters, "page": page})


@collective_view()
def initiative_view(request, access: CollectiveAccess, pk: int):
    initiative = selectors.initiative_detail(access, pk)
    return render(
        request,
        "initiatives/detail.html",
        {
            "initiative": initiative,
            "groups": selectors.needs_by_question(initiative),
            "activities": selectors.initiative_activities(access, initiative),
            "series_list": [
                (series, recurrence.describe(series))
                for series in selectors.initiative_series(access, initiative)
            ],
            "progress": selectors.pledge_progress(initiative),
            "pledges": selectors.pledges_of(access, initiative),
            "money_givers": selectors.money_givers(access, initiative),
            "need_form": NeedForm(auto_id="need_%s"),
            "need_statuses": NeedStatus.choices,
        },
    )


@collective_view(role=Role.BUILDER)
def initiative_create(request, access: CollectiveAccess):
    form = InitiativeForm(request.POST or None, access=access, initial={"status": "idee"})
    if request.method == "POST" and form.is_valid():
        initiative = services.create_initiative(
            access=access,
            initiative=form.save(commit=False),
            initiators=list(form.cleaned_data["initiators"]),
            participants=list(form.cleaned_data["participants"]),
            assets=list(form.cleaned_data["assets"]),
            tasks=list(form.cleaned_data["tasks"]),
            needs=form.needs(),
        )
        messages.success(request, _("“%(title)s” is opgeslagen.") % {"title": initiative.title})
        return redirect(initiative)
    need_fields = [form[NEED_FIELDS[q]] for q in Question.values]
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "need_fields": need_fields},
        status=_status(form),
    )


@collective_view(role=Role.BUILDER)
def initiative_edit(request, access: CollectiveAccess, pk: int):
    initiative = selectors.initiative_for_change(access, pk)
    form = InitiativeForm(request.POST or None, instance=initiative, access=access)
    conflict = None
    if request.method == "POST" and form.is_valid():
        # People and assets the editor may not see stay linked.
        hidden = {
            name: [
                obj
                for obj in getattr(initiative, name).all()
                if obj not in form.fields[name].queryset
            ]
            for name in ("initiators", "participants", "assets")
        }
        saved, conflict = save_or_conflict(
            form,
            lambda: services.update_initiative(
                access=access,
                initiative=form.save(commit=False),
                initiators=[*form.cleaned_data["initiators"], *hidden["initiators"]],
                participants=[*form.cleaned_data["participants"], *hidden["participants"]],
                assets=[*form.cleaned_data["assets"], *hidden["assets"]],
                tasks=list(form.cleaned_data["tasks"]),
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(saved)
    return render(
        request,
        "initiatives/form.html",
        {"form": form, "initiative": initiative, "conflict": conflict},
        status=_status(form),
    )


@collective_view(role=Role.BUILDER)
def need_create(request, access: CollectiveAccess, pk: int):
    initiative = selectors.initiative_detail(access, pk)
    form = NeedForm(request.POST or None, auto_id="need_%s")
    if request.method == "POST" and form.is_valid():
        services.add_needs(
            access=access,
            initiative=initiative,
            question=form.cleaned_data["question"],
            texts=[form.cleaned_data["text"]],
        )
        messages.success(request, _("De behoefte is toegevoegd."))
        return redirect(f"{initiative.get_absolute_url()}#needs")
    return _form_page(
        request,
        form,
        title=_("Behoefte toevoegen"),
        back_url=initiative.get_absolute_url(),
        back_label=initiative.title,
        submit=_("Toevoegen"),
    )


@require_POST
@collective_view(role=Role.BUILDER)
def need_status(request, access: CollectiveAccess, pk: int):
    need = selectors.need_detail(access, pk)
    status = request.POST.get("status", "")
    if status not in NeedStatus.values:
        messages.error(request, _("Kies een status uit de lijst."))
    else:
        version = request.POST.get("version", "")
        try:
            services.set_need_status(
                access=access,
                need=need,
                status=status,
                expected_version=int(version) if version.isdigit() else None,
            )
        except EditConflict as error:
            messages.error(
                request,
                _(
                    "Iemand anders heeft de status van “%(need)s” net veranderd in: %(status)s. "
                    "Kijk of dat klopt en kies dan opnieuw."
                )
                % {"need": need.text, "status": error.current.get_status_display()},
            )
            return redirect(f"{need.initiative.get_absolute_url()}#needs")
        messages.success(
            request,
            _("“%(need)s” staat nu op: %(status)s.")
            % {"need": need.text, "status": NeedStatus(status).label},
        )
    return redirect(f"{need.initiative.get_absolute_url()}#needs")


@collective_view(role=Role.BUILDER)
def need_delete(request, access: CollectiveAccess, pk: int):
    need = selectors.need_detail(access, pk)
    if request.method == "POST":
        initiative = need.initiative
        services.delete_need(access=access, need=need)
        messages.success(request, _("“%(need)s” is verwijderd.") % {"need": need.text})
        return redirect(f"{initiative.get_absolute_url()}#needs")
    return _confirm(request, need.text, f"{need.initiative.get_absolute_url()}#needs")


@collective_view(role=Role.BUILDER)
def need_helpers(request, access: CollectiveAccess, pk: int):
    need = selectors.need_detail(access, pk)
    helpers = selectors.helpers_for_need(access, need)
    return render(request, "initiatives/helpers.html", {"need": need, "helpers": helpers})


@require_POST
@collective_view(role=Role.BUILDER)
def need_connect(request, access: CollectiveAccess, pk: int):
    need = selectors.need_detail(access, pk)
    asset_id = request.POST.get("asset", "")
    helper = None
    if asset_id.isdigit():
        # Only someone the list could show: visible, and for residents with consent.
        helper = next(
            (
                h
                for h in selectors.helpers_for_need(access, need, limit=50)
                if h.asset.pk == int(asset_id)
            ),
            None,
        )
    if helper is None:
        messages.error(
            request, _("Deze bewoner of bron kan niet meer worden verbonden. Kies iemand anders.")
        )
        return redirect("initiatives:helpers", access.collective.slug, need.pk)
    connection = services.connect_for_need(
        access=access, need=need, asset=helper.asset, reason=helper.summary
    )
    messages.success(request, _("De verbinding is vastgelegd. Stuur of print het bericht."))
    return redirect(connection)


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


def _activity_form_page(request, form, *, title, back_url, back_label, submit, **extra):
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "back_label": back_label,
        "submit": submit,
        **extra,
    }
    return render(request, "initiatives/activity_form.html", context, status=_status(form))


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
    return _activity_form_page(
        request,
        form,
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
    return _activity_form_page(
        request,
        form,
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
    return _confirm(request, str(activity), activity.get_absolute_url())


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
    return _activity_form_page(
        request,
        form,
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
    return _confirm(
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
        {"activity": activity, "connections": connections},
    )


@collective_view(role=Role.BUILDER)
def activity_attendance(request, access: CollectiveAccess, pk: int):
    activity = selectors.activity_detail(access, pk)
    form = AttendanceForm(
        request.POST or None,
        access=access,
        initial={"attendees": list(activity.attendees.all()), "hours_given": activity.hours_given},
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
    return _form_page(
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


@collective_view(role=Role.BUILDER)
def pledge_create(request, access: CollectiveAccess, pk: int):
    initiative = selectors.initiative_detail(access, pk)
    form = PledgeForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        pledge = form.save(commit=False)
        pledge.initiative = initiative
        try:
            services.add_pledge(access=access, pledge=pledge)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De toezegging is opgeslagen. Dank aan wie het belooft!"))
            return redirect(f"{initiative.get_absolute_url()}#pledges")
    return render(
        request,
        "initiatives/pledge_form.html",
        {"form": form, "initiative": initiative},
        status=_status(form),
    )


@collective_view(role=Role.BUILDER)
def pledge_delete(request, access: CollectiveAccess, pk: int):
    pledge = selectors.pledge_detail(access, pk)
    if request.method == "POST":
        initiative = pledge.initiative
        services.delete_pledge(access=access, pledge=pledge)
        messages.success(request, _("De toezegging is verwijderd."))
        return redirect(f"{initiative.get_absolute_url()}#pledges")
    return _confirm(request, str(pledge), f"{pledge.initiative.get_absolute_url()}#pledges")


@collective_view(role=Role.BUILDER)
def connection_index(request, access: CollectiveAccess):
    filters = ConnectionFilterForm(request.GET or None, access=access)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    connections = selectors.connection_log(
        access,
        kind=criteria.get("kind") or "",
        initiative=criteria.get("initiative"),
        resident=criteria.get("resident"),
        since=criteria.get("since"),
        until=criteria.get("until"),
    )
    page = Paginator(connections, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "initiatives/_connections.html" if request.htmx else "initiatives/connections.html"
    return render(
        request,
        template,
        {"filters": filters, "page": page, "outcomes": selectors.outcome_counts(connections)},
    )


@collective_view(role=Role.BUILDER)
def connection_create(request, access: CollectiveAccess):
    form = ConnectionForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        services.record_connection(access=access, connection=form.save(commit=False))
        messages.success(request, _("De verbinding is vastgelegd."))
        return redirect("initiatives:connections", access.collective.slug)
    return _form_page(
        request,
        form,
        title=_("Verbinding vastleggen"),
        back_url=reverse("initiatives:connections", args=[access.collective.slug]),
        back_label=_("Verbindingen"),
        submit=_("Vastleggen"),
    )


@collective_view(role=Role.BUILDER)
def connection_view(request, access: CollectiveAccess, pk: int):
    connection = selectors.connection_detail(access, pk)
    if connection.other_resident_id:
        audit.record(
            access=access,
            action=audit.Action.VIEW,
            target=connection,
            summary=f"connection of resident {connection.other_resident_id}",
        )
    text = introduction_text(connection, sender=request.user)
    return render(
        request,
        "initiatives/connection.html",
        {"connection": connection, "text": text, "links": send_links(connection, text)},
    )


@collective_view(role=Role.BUILDER)
def connection_delete(request, access: CollectiveAccess, pk: int):
    connection = selectors.connection_detail(access, pk)
    if request.method == "POST":
        services.delete_connection(access=access, connection=connection)
        messages.success(request, _("De verbinding is verwijderd."))
        return redirect("initiatives:connections", access.collective.slug)
    return _confirm(request, str(connection), connection.get_absolute_url())

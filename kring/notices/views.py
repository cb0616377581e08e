from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.people.selectors import resident_detail
from kring.residents.selectors import my_record

from . import selectors, services
from .forms import BuilderPreferenceForm, FollowUpDaysForm, FollowUpForm, PreferenceForm
from .models import ChangedBy, Rhythm, Scope


def _initial(preference) -> dict:
    if preference is None:
        return {"rhythm": Rhythm.WEEKLY, "scope": Scope.BUURT}
    return {"rhythm": preference.rhythm, "scope": preference.scope}


def _invalid(request):
    return render(request, "notices/link_invalid.html", status=404)


# --- Pages for residents, through the signed link in a mail (no log-in) ---------------------


@require_http_methods(["GET", "POST"])
def preference(request, token: str):
    resident = services.resident_for_token(token)
    if resident is None:
        return _invalid(request)
    current = selectors.preference_of(resident)
    form = PreferenceForm(request.POST or None, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        services.set_preference(
            resident=resident,
            rhythm=form.cleaned_data["rhythm"],
            scope=form.cleaned_data["scope"],
            changed_by=ChangedBy.RESIDENT,
        )
        return render(
            request,
            "notices/preference_saved.html",
            {"rhythm": Rhythm(form.cleaned_data["rhythm"]), "token": token},
        )
    return render(
        request,
        "notices/preference.html",
        {"form": form, "collective_name": resident.collective.name, "token": token},
    )


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a form.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    resident = services.resident_for_token(token)
    if resident is None:
        return _invalid(request)
    if request.method == "POST":
        current = selectors.preference_of(resident)
        services.set_preference(
            resident=resident,
            rhythm=Rhythm.OFF,
            scope=current.scope if current else Scope.BUURT,
            changed_by=ChangedBy.RESIDENT,
        )
        return render(
            request,
            "notices/unsubscribed.html",
            {"collective_name": resident.collective.name, "token": token},
        )
    return render(
        request,
        "notices/unsubscribe.html",
        {"collective_name": resident.collective.name, "token": token},
    )


@require_http_methods(["GET", "POST"])
def followup(request, token: str):
    found = services.followup_for_token(token)
    if found is None:
        return _invalid(request)
    connection = found.connection
    form = FollowUpForm(
        request.POST or None,
        initial={"outcome": connection.outcome or None, "note": connection.outcome_note},
    )
    if request.method == "POST" and form.is_valid():
        services.answer_followup(
            connection=connection,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
        return render(
            request,
            "notices/followup_thanks.html",
            {"collective_name": connection.collective.name},
        )
    return render(
        request,
        "notices/followup.html",
        {"form": form, "connection": connection, "collective_name": connection.collective.name},
    )


# --- The resident, logged in through their own door (a link in Mijn Kring) -----------------


@login_required
@require_http_methods(["GET", "POST"])
def mine(request, slug: str):
    """How often the resident hears of asks that fit their gifts, chosen in Mijn Kring: the same
    choice as through the link in a mail, recorded as the resident's own."""
    resident = my_record(request.user, slug)
    current = selectors.preference_of(resident)
    form = PreferenceForm(request.POST or None, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        services.set_preference(
            resident=resident,
            rhythm=form.cleaned_data["rhythm"],
            scope=form.cleaned_data["scope"],
            changed_by=ChangedBy.RESIDENT,
            actor=request.user,
        )
        messages.success(request, _("Uw keuze voor berichten is opgeslagen."))
        return redirect("residents:mine", slug)
    return render(
        request,
        "notices/mine.html",
        {
            "form": form,
            "resident": resident,
            "current": current,
            "can_receive": bool(resident.email) and "verbinden" in resident.active_purposes(),
        },
        status=400 if form.errors else 200,
    )


# --- Pages for buurtmakers --------------------------------------------------------------------


@collective_view(role=Role.BUILDER)
def resident_preference(request, access: CollectiveAccess, pk: int):
    resident = resident_detail(access, pk)
    current = selectors.preference_of(resident)
    form = BuilderPreferenceForm(request.POST or None, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        services.set_preference(
            resident=resident,
            rhythm=form.cleaned_data["rhythm"],
            scope=form.cleaned_data["scope"],
            changed_by=ChangedBy.BUILDER,
            actor=request.user,
        )
        messages.success(request, _("De keuze voor berichten is opgeslagen."))
        return redirect(resident.get_absolute_url())
    return render(
        request,
        "notices/resident_preference.html",
        {
            "form": form,
            "resident": resident,
            "current": current,
            "can_receive": bool(resident.email) and "verbinden" in resident.active_purposes(),
        },
    )


@collective_view(role=Role.BUILDER)
def followup_list(request, access: CollectiveAccess):
    days_form = FollowUpDaysForm(
        request.POST or None, initial={"days": selectors.followup_days(access.collective)}
    )
    if request.method == "POST":
        if not access.is_admin:
            raise PermissionDenied
        if days_form.is_valid():
            services.set_followup_days(
                collective=access.collective, days=days_form.cleaned_data["days"]
            )
            messages.success(request, _("Het aantal dagen is opgeslagen."))
            return redirect("notices:followups", access.collective.slug)
    return render(
        request,
        "notices/followup_list.html",
        {"followups": selectors.open_followups(access), "days_form": days_form},
    )


@collective_view(role=Role.BUILDER)
def followup_answer(request, access: CollectiveAccess, pk: int):
    connection = selectors.followup_connection(access, pk)
    form = FollowUpForm(
        request.POST or None,
        initial={"outcome": connection.outcome or None, "note": connection.outcome_note},
    )
    if request.method == "POST" and form.is_valid():
        services.answer_followup(
            connection=connection,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
        messages.success(request, _("Het antwoord is opgeslagen bij de verbinding."))
        return redirect("notices:followups", access.collective.slug)
    return render(request, "notices/followup_answer.html", {"form": form, "connection": connection})

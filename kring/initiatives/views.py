"""Pages of initiatives, their needs (with "Wie kan helpen?" and "Verbinden") and pledges."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.locking import EditConflict, save_or_conflict

from . import recurrence, selectors, services
from .forms import (
    NEED_FIELDS,
    InitiativeFilterForm,
    InitiativeForm,
    NeedForm,
    PledgeForm,
)
from .models import NeedStatus, Question
from .view_helpers import PAGE_SIZE, confirm_page, form_page, form_status


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
        status=form_status(form),
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
        status=form_status(form),
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
    return form_page(
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
    return confirm_page(request, need.text, f"{need.initiative.get_absolute_url()}#needs")


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
        status=form_status(form),
    )


@collective_view(role=Role.BUILDER)
def pledge_delete(request, access: CollectiveAccess, pk: int):
    pledge = selectors.pledge_detail(access, pk)
    if request.method == "POST":
        initiative = pledge.initiative
        services.delete_pledge(access=access, pledge=pledge)
        messages.success(request, _("De toezegging is verwijderd."))
        return redirect(f"{initiative.get_absolute_url()}#pledges")
    return confirm_page(request, str(pledge), f"{pledge.initiative.get_absolute_url()}#pledges")

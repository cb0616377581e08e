import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities import parts
from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.communities.selectors import neighbourhoods_of
from kring.communities.services import invite_member
from kring.core import audit, versioning
from kring.core.locking import save_or_conflict
from kring.core.paging import Paginator
from kring.core.sections import resident_page

from . import services
from .forms import ConsentForm, ResidentForm
from .models import Resident
from .picker import SEARCH_SUFFIX, search_residents
from .selectors import (
    list_rows,
    resident_choices,
    resident_detail,
    resident_for_page,
    resident_list,
)

PAGE_SIZE = 50

# The kinds of data (kring.core.versioning) the kept bodies show.
LIST_SHOWS = (
    versioning.COLLECTIVE,
    versioning.PEOPLE,
    versioning.CONVERSATIONS,
    versioning.assets_of("gift"),
)
DETAIL_SHOWS = (
    versioning.COLLECTIVE,
    versioning.PEOPLE,
    versioning.CONVERSATIONS,
    versioning.USERS,
)


@collective_view()
def resident_index(request, access: CollectiveAccess):
    def context():
        query = request.GET.get("q", "").strip()[:100]
        neighbourhoods = neighbourhoods_of(access.collective)
        chosen = request.GET.get("buurt", "")
        neighbourhood = None
        if chosen.isascii() and chosen.isdigit():
            # Read once (the queryset keeps its rows) for the chosen one and the filter's options.
            neighbourhood = next((n for n in neighbourhoods if n.pk == int(chosen)), None)
        # A search reads every match before the page (sorted by name), and a member's list
        # checks every resident's consent: the count comes with the page, in the same pass.
        # A buurtmaker's whole list reads its first rows in the order of an index: counted apart.
        page = Paginator(
            list_rows(resident_list(access, query=query, neighbourhood=neighbourhood)),
            PAGE_SIZE,
            count_with_page=bool(query) or not access.is_builder,
        ).get_page(request.GET.get("page"))
        values = {
            "page": page,
            "query": query,
            "neighbourhood": neighbourhood,
            "neighbourhoods": neighbourhoods,
        }
        return values, True

    # The results while typing (htmx) or the whole list with its filter, kept while nothing it
    # shows changes: residents and consents, the last conversation, the number of gifts (the
    # assets with a resident are the gifts: a database rule of kring.assets), the buurten.
    return parts.list_page(
        request,
        access,
        part="people:list",
        context=context,
        results="people/_resident_results.html",
        whole="people/_resident_list_body.html",
        page="people/resident_list.html",
        shows=LIST_SHOWS,
    )


@collective_view()
def resident_pick(request, access: CollectiveAccess):
    """The matches of the resident picker while typing (an htmx fragment of listbox options):
    only residents the member may see, at most a few, never the whole collective."""
    query = request.GET.get("q")
    if query is None:
        query = next((v for k, v in request.GET.items() if k.endswith(SEARCH_SUFFIX)), "")
    list_id = request.GET.get("list", "")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,80}", list_id):
        list_id = "picker"
    return render(
        request,
        "people/_picker_options.html",
        {"residents": search_residents(resident_choices(access), query), "list_id": list_id},
    )


@collective_view()
def resident_view(request, access: CollectiveAccess, pk: int):
    seen = []

    def context():
        resident = resident_for_page(access, pk)
        seen.append(resident)
        # Gifts and stories come first, from kring.assets (a floor above) through the registry.
        sections = resident_page.sections(access, resident)
        # Kept only while every section of a higher app shows watched data alone.
        keep = resident_page.all_kept()
        return {"resident": resident, "sections": sections, "title": resident.name}, keep

    # Kept per role while nothing it shows changes: the resident with their consents and
    # conversations, the names of who recorded them, and what the sections of higher apps show
    # (all of it when one of them does not say); the forms' CSRF token is the request's own.
    sections_show = resident_page.shows()
    body = parts.body(
        request,
        access,
        part=f"people:detail:{pk}",
        template="people/_resident_detail_body.html",
        context=context,
        shows=None if sections_show is None else (*DETAIL_SHOWS, *sections_show),
        params=[],
        csrf=True,
    )
    # Every view is logged, from the cache too (only the resident's number is written).
    audit.record(
        actor=request.user,
        collective=access.collective,
        action=audit.Action.VIEW,
        target=seen[0] if seen else Resident(pk=pk, collective=access.collective),
    )
    return render(request, "people/resident_detail.html", {"body": body.html, "title": body.title})


@collective_view(role=Role.BUILDER)
def resident_create(request, access: CollectiveAccess):
    form = ResidentForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        resident = services.create_resident(access=access, resident=form.save(commit=False))
        messages.success(
            request,
            _("%(name)s is toegevoegd. Leg nu vast waar de bewoner toestemming voor geeft.")
            % {"name": resident.name},
        )
        return redirect("people:consent", access.collective.slug, resident.pk)
    return render(
        request, "people/resident_form.html", {"form": form}, status=400 if form.errors else 200
    )


@collective_view(role=Role.BUILDER)
def resident_edit(request, access: CollectiveAccess, pk: int):
    resident = resident_detail(access, pk)
    form = ResidentForm(request.POST or None, instance=resident, access=access)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.update_resident(
                access=access,
                resident=form.save(commit=False),
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(
                request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": resident.name}
            )
            return redirect(resident)
    return render(
        request,
        "people/resident_form.html",
        {"form": form, "resident": resident, "conflict": conflict},
        status=400 if form.errors else 200,
    )


@collective_view(role=Role.BUILDER)
def resident_consent(request, access: CollectiveAccess, pk: int):
    resident = resident_detail(access, pk)
    form = ConsentForm(
        request.POST or None,
        initial={"purposes": sorted(resident.active_purposes())},
        version=resident.version,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.set_consents(
                access=access,
                resident=resident,
                purposes=set(form.cleaned_data["purposes"]),
                method=form.cleaned_data["method"],
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(
                request, _("De toestemming van %(name)s is vastgelegd.") % {"name": resident.name}
            )
            return redirect(resident)
    return render(
        request,
        "people/resident_consent.html",
        {"form": form, "resident": resident, "conflict": conflict},
        status=400 if form.errors else 200,
    )


@require_POST
@collective_view(role=Role.ADMIN)
def resident_invite(request, access: CollectiveAccess, pk: int):
    """Give a known resident their own log-in, as a member, linked to their record."""
    resident = resident_detail(access, pk)
    if not resident.email:
        messages.error(
            request, _("Vul eerst het e-mailadres van %(name)s in.") % {"name": resident.name}
        )
    elif resident.user_id:
        messages.info(request, _("%(name)s heeft al een inlog.") % {"name": resident.name})
    else:
        invite_member(access=access, email=resident.email, role=Role.MEMBER, resident=resident)
        messages.success(
            request,
            _("%(name)s krijgt een e-mail met een link om in te loggen.") % {"name": resident.name},
        )
    return redirect(resident)

from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kring.communities import parts
from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.communities.selectors import neighbourhoods_of
from kring.core import versioning
from kring.core.locking import save_or_conflict
from kring.core.paging import Paginator
from kring.people.models import ConsentPurpose, ConversationMethod

from . import services
from .forms import GIFT_QUESTIONS, AssetFilterForm, AssetForm, GiftConversationForm
from .models import CATEGORY_ADD, CATEGORY_HELP, Category
from .selectors import (
    asset_detail,
    asset_list,
    asset_page,
    category_counts,
    list_rows,
    story_sharing,
    story_tellers,
)

PAGE_SIZE = 30


def _category(value: str) -> str:
    if value not in Category.values:
        raise Http404
    return value


@collective_view()
def index(request, access: CollectiveAccess):
    counts = category_counts(access)
    for item in counts:
        item["help"] = CATEGORY_HELP[item["category"]]
    return render(request, "assets/index.html", {"counts": counts})


@collective_view()
def asset_index(request, access: CollectiveAccess, category: str):
    category = _category(category)

    def context():
        filters = AssetFilterForm(request.GET or None, access=access, category=category)
        criteria = filters.cleaned_data if filters.is_valid() else {}
        assets = asset_list(
            access,
            category=category,
            query=(criteria.get("q") or "").strip(),
            neighbourhood=criteria.get("neighbourhood"),
            tag=(criteria.get("tag") or "").strip().lower(),
            gift_kind=criteria.get("gift_kind") or "",
        )
        # A member's list checks the residents' consents: once, with the count beside the page.
        page = Paginator(
            list_rows(assets), PAGE_SIZE, count_with_page=not access.is_builder
        ).get_page(request.GET.get("page"))
        values = {
            "category": category,
            "category_label": Category(category).label,
            "category_help": CATEGORY_HELP[category],
            "add_label": CATEGORY_ADD[category],
            "filters": filters,
            "page": page,
        }
        return values, not filters.errors

    # The results while typing (htmx) or the whole list with its filters, kept while nothing
    # it shows changes: this category's assets with their tags, the tags' names, the residents'
    # names and consents (what members may see), the buurten to filter on.
    return parts.list_page(
        request,
        access,
        part=f"assets:list:{category}",
        context=context,
        results="assets/_results.html",
        whole="assets/_list_body.html",
        page="assets/list.html",
        shows=(
            versioning.COLLECTIVE,
            versioning.PEOPLE,
            versioning.TAGS,
            versioning.assets_of(category),
        ),
        extra={"category_label": Category(category).label},
    )


@collective_view()
def asset_view(request, access: CollectiveAccess, pk: int):
    def context():
        asset, tags, history = asset_page(access, pk)
        values = {"asset": asset, "tags": tags, "history": history, "title": asset.title}
        if asset.category == Category.STORY:
            values["tellers"] = story_tellers(access, asset)
            values["sharing"] = story_sharing(access, [asset]).get(asset.pk)
            # The wijkportret choice is a form that posts (a CSRF token): rendered each time.
            return values, not access.is_builder
        return values, True

    # Kept while nothing it shows changes: the asset (of any category: the address does not
    # say which) with its tags, tellers and history, the tags' names, its resident and tellers
    # (names, consents), the names of who entered and changed it, its buurt.
    body = parts.body(
        request,
        access,
        part=f"assets:detail:{pk}",
        template="assets/_detail_body.html",
        context=context,
        shows=(
            versioning.COLLECTIVE,
            versioning.ASSETS,
            versioning.TAGS,
            versioning.PEOPLE,
            versioning.USERS,
        ),
        params=[],
    )
    return render(request, "assets/detail.html", {"body": body.html, "title": body.title})


@collective_view(role=Role.BUILDER)
def asset_create(request, access: CollectiveAccess, category: str):
    category = _category(category)
    initial = {}
    if request.GET.get("bewoner", "").isdigit():
        initial["resident"] = request.GET["bewoner"]
    form = AssetForm(
        request.POST or None,
        request.FILES or None,
        access=access,
        category=category,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        asset = services.create_asset(
            access=access,
            asset=form.save(commit=False),
            tags=form.cleaned_data["tags"],
            tellers=form.cleaned_data.get("tellers") or (),
        )
        messages.success(request, _("“%(title)s” is toegevoegd.") % {"title": asset.title})
        return redirect(asset)
    return render(
        request,
        "assets/form.html",
        {
            "form": form,
            "category": category,
            "category_label": Category(category).label,
            "add_label": CATEGORY_ADD[category],
        },
        status=400 if form.errors else 200,
    )


@collective_view(role=Role.BUILDER)
def asset_edit(request, access: CollectiveAccess, pk: int):
    asset = asset_detail(access, pk)
    form = AssetForm(
        request.POST or None,
        request.FILES or None,
        instance=asset,
        access=access,
        category=asset.category,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.update_asset(
                access=access,
                asset=form.save(commit=False),
                tags=form.cleaned_data["tags"],
                tellers=form.cleaned_data.get("tellers"),
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(asset)
    return render(
        request,
        "assets/form.html",
        {
            "conflict": conflict,
            "form": form,
            "asset": asset,
            "category": asset.category,
            "category_label": asset.get_category_display(),
        },
        status=400 if form.errors else 200,
    )


@collective_view(role=Role.BUILDER)
def asset_delete(request, access: CollectiveAccess, pk: int):
    asset = asset_detail(access, pk)
    if request.method == "POST":
        category = asset.category
        try:
            services.delete_asset(access=access, asset=asset)
        except (ProtectedError, RestrictedError):
            # An activity takes place here, or a pledge came from it: those records stay true.
            messages.error(
                request,
                _(
                    "“%(title)s” kan niet weg: er hoort nog een activiteit of een toezegging "
                    "bij. Haal die eerst weg."
                )
                % {"title": asset.title},
            )
            return redirect(asset)
        messages.success(request, _("“%(title)s” is verwijderd.") % {"title": asset.title})
        return redirect("assets:list", access.collective.slug, category)
    return render(request, "assets/confirm_delete.html", {"asset": asset})


@collective_view(role=Role.BUILDER)
def conversation(request, access: CollectiveAccess):
    """The guided gaven-gesprek: made for a phone in one hand during a conversation."""
    initial = {}
    if request.GET.get("bewoner", "").isdigit():
        initial["resident"] = request.GET["bewoner"]
    if request.method != "POST":
        return _empty_conversation(request, access, initial)
    form = GiftConversationForm(request.POST, access=access, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        resident = data["resident"] or form.new_resident()
        services.record_gift_conversation(
            access=access,
            resident=resident,
            gifts=[services.GiftInput(kind=kind, title=title) for kind, title in data["gifts"]],
            availability=data["availability"],
            purposes=set(data["purposes"]),
            consent_method=data["consent_method"],
            held_on=data["held_on"],
            method=data["method"],
        )
        count = len(data["gifts"])
        messages.success(
            request,
            ngettext(
                "Dank u wel! Het gesprek met %(name)s is opgeslagen, met %(count)s gave.",
                "Dank u wel! Het gesprek met %(name)s is opgeslagen, met %(count)s gaven.",
                count,
            )
            % {"name": resident.name, "count": count},
        )
        return redirect(resident)
    return render(
        request, "assets/conversation.html", {"form": form}, status=400 if form.errors else 200
    )


def _empty_conversation(request, access: CollectiveAccess, initial: dict) -> HttpResponse:
    """The empty form, kept while nothing it shows changes: the buurten to choose from (the
    collective's working area and the names of buurten), the chosen resident's name (with
    ``?bewoner=``, among the residents a buurtmaker may pick) and today's date (the
    conversation's date to start from); the CSRF token is the request's own."""
    today = timezone.localdate()

    def context():
        form = GiftConversationForm(None, access=access, initial={**initial, "held_on": today})
        return {"form": form}, True

    picked = initial.get("resident", "")
    body = parts.body(
        request,
        access,
        part="assets:conversation",
        template="assets/_conversation_body.html",
        context=context,
        shows=(versioning.COLLECTIVE, versioning.PEOPLE) if picked else (versioning.COLLECTIVE,),
        params=[("bewoner", picked), ("today", today.isoformat())],
        csrf=True,
    )
    return render(request, "assets/conversation.html", {"body": body.html})


@collective_view(role=Role.BUILDER)
def paper_form(request, access: CollectiveAccess):
    """The same conversation on paper, as a PDF to print; typed in later with 'papier'."""
    from weasyprint import HTML

    context = {
        "collective": access.collective,
        "questions": GIFT_QUESTIONS,
        "purposes": ConsentPurpose.choices,
        "neighbourhoods": neighbourhoods_of(access.collective),
        "methods": ConversationMethod.choices,
        "lines": range(3),
        "printed_on": timezone.localdate(),
    }
    html = render_to_string("assets/paper_form.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"gaven-gesprek-{access.collective.slug}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

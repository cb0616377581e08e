"""Mijn Kring: a resident's own record per collective: inzage with download, erasure, own gifts,
consents, asks and "ik help mee"."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kring.communities.access import collective_access
from kring.core.locking import save_or_conflict
from kring.people.models import ConsentPurpose
from kring.privacy.export_pdf import export_pdf
from kring.privacy.selectors import export_sections
from kring.privacy.services import erase_resident, export_resident

from .. import selectors, services
from ..forms import (
    AskForm,
    EraseForm,
    GiftOfferForm,
    HelpForm,
    MyConsentForm,
    MyGiftForm,
)


@login_required
def home(request):
    """One record: straight to it. Several collectives: each on its own, to choose."""
    records = list(selectors.my_records(request.user))
    if len(records) == 1:
        return redirect("residents:mine", records[0].collective.slug)
    return render(request, "residents/home.html", {"records": records})


def _door(request, slug: str):
    """The resident's own record in this collective, and the access they act with there (a
    plain member's). 404 for anyone without a record here."""
    resident = selectors.my_record(request.user, slug)
    access = collective_access(request.user, slug)
    return resident, access


@login_required
def mine(request, slug: str):
    resident, _access = _door(request, slug)
    purposes = resident.active_purposes()
    return render(
        request,
        "residents/mine.html",
        {
            "resident": resident,
            "gifts": selectors.my_gifts(resident),
            "offers": selectors.my_offers(resident),
            "purposes": [(label, value in purposes) for value, label in ConsentPurpose.choices],
            "members_see_me": ConsentPurpose.MEMBERS in purposes,
            "connections": selectors.my_connections(resident)[:20],
            "initiatives": selectors.my_initiatives(resident),
            "asks": selectors.my_asks(resident),
            "fitting": selectors.fitting_asks(resident)[:10],
            "helped": selectors.my_help_offers(resident),
            "collective_name": resident.collective.name,
        },
    )


@login_required
def my_data(request, slug: str):
    """Inzage, self-service: everything the collective keeps about me, with download."""
    resident, _access = _door(request, slug)
    data = export_resident(actor=request.user, resident=resident, fmt="page")
    return render(
        request,
        "residents/my_data.html",
        {"resident": resident, "sections": export_sections(data)},
    )


@login_required
def my_data_json(request, slug: str):
    resident, _access = _door(request, slug)
    data = export_resident(actor=request.user, resident=resident, fmt="json")
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="mijn-gegevens-{resident.collective.slug}.json"'
    )
    return response


@login_required
def my_data_pdf(request, slug: str):
    """The same inzage as a PDF, to keep or print."""
    resident, _access = _door(request, slug)
    data = export_resident(actor=request.user, resident=resident, fmt="pdf")
    response = HttpResponse(
        export_pdf(data=data, resident=resident, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="mijn-gegevens-{resident.collective.slug}.pdf"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase(request, slug: str):
    """Erasure, self-service, of this collective's record (with what was written through the
    door: asks, answers, offered gifts; kring.privacy.services.erase_resident)."""
    resident, _access = _door(request, slug)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = erase_resident(actor=request.user, resident=resident)
        if result.login == "deleted":
            logout(request)
            return render(request, "privacy/erased.html")
        messages.success(request, _("Uw gegevens bij dit collectief zijn gewist."))
        return redirect("residents:home")
    return render(
        request,
        "residents/erase.html",
        {"form": form, "resident": resident},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def gift_new(request, slug: str):
    resident, access = _door(request, slug)
    form = GiftOfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_gift(access=access, resident=resident, **form.cleaned_data)
        except services.NeedsConsent:
            form.add_error(
                None,
                _(
                    "U gaf geen toestemming om gaven te bewaren. Zet eerst het vinkje bij "
                    "“inventaris” aan, onder Mijn toestemming."
                ),
            )
        else:
            if offer.asset_id:
                messages.success(request, _("Dank u wel! Uw gave staat erin."))
            else:
                messages.success(
                    request, _("Dank u wel! Een buurtmaker kijkt uw gave na en zet hem erin.")
                )
            return redirect("residents:mine", slug)
    return render(
        request,
        "residents/gift_form.html",
        {"form": form, "resident": resident, "new": True},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def gift_edit(request, slug: str, pk: int):
    resident, access = _door(request, slug)
    gift = selectors.my_gift(resident, pk)
    form = MyGiftForm(request.POST or None, instance=gift)
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.update_my_gift(
                access=access,
                resident=resident,
                gift=form.save(commit=False),
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Uw gave is opgeslagen."))
            return redirect("residents:mine", slug)
    return render(
        request,
        "residents/gift_form.html",
        {"form": form, "resident": resident, "gift": gift, "conflict": conflict},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def gift_remove(request, slug: str, pk: int):
    resident, access = _door(request, slug)
    gift = selectors.my_gift(resident, pk)
    if request.method == "POST":
        services.remove_my_gift(access=access, resident=resident, gift=gift)
        messages.success(request, _("Uw gave is weggehaald."))
        return redirect("residents:mine", slug)
    return render(request, "residents/gift_remove.html", {"gift": gift, "resident": resident})


@login_required
@require_http_methods(["GET", "POST"])
def consents(request, slug: str):
    resident, access = _door(request, slug)
    form = MyConsentForm(
        request.POST or None,
        version=resident.version,
        initial={"purposes": sorted(resident.active_purposes())},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: services.set_my_consents(
                access=access,
                resident=resident,
                purposes=set(form.cleaned_data["purposes"]),
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(request, _("Uw toestemming is opgeslagen. Het gaat meteen in."))
            return redirect("residents:mine", slug)
    return render(
        request,
        "residents/consents.html",
        {"form": form, "resident": resident, "conflict": conflict},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask_new(request, slug: str):
    resident, access = _door(request, slug)
    form = AskForm(request.POST or None, collective=resident.collective)
    if request.method == "POST" and form.is_valid():
        ask = services.post_ask(access=access, resident=resident, **form.cleaned_data)
        if ask.status == "open":
            messages.success(request, _("Uw vraag staat open voor de buurt."))
        else:
            messages.success(
                request,
                _("Dank u wel! Een buurtmaker kijkt uw vraag na. Daarna ziet de buurt hem."),
            )
        return redirect("residents:mine", slug)
    return render(
        request,
        "residents/ask_form.html",
        {"form": form, "resident": resident},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def ask_close(request, slug: str, pk: int):
    resident, access = _door(request, slug)
    ask = selectors.my_ask(resident, pk)
    services.close_my_ask(access=access, resident=resident, ask=ask)
    messages.success(request, _("Uw vraag is gesloten."))
    return redirect("residents:mine", slug)


@login_required
def asks(request, slug: str):
    """Open asks of neighbours; the ones that fit my gifts first."""
    resident, _access = _door(request, slug)
    fitting = selectors.fitting_asks(resident)
    fitting_ids = {fit.ask.pk for fit in fitting}
    others = [a for a in selectors.open_asks(resident)[:50] if a.pk not in fitting_ids]
    answered = set(selectors.my_help_offers(resident).values_list("ask_id", flat=True))
    return render(
        request,
        "residents/asks.html",
        {"resident": resident, "fitting": fitting, "others": others, "answered": answered},
    )


@login_required
@require_http_methods(["GET", "POST"])
def help_ask(request, slug: str, pk: int):
    """ "Ik help mee" on a neighbour's open ask."""
    resident, access = _door(request, slug)
    ask = selectors.open_ask(resident, pk)
    form = HelpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_help(
                access=access, resident=resident, ask=ask, message=form.cleaned_data["message"]
            )
        except services.AlreadyAnswered:
            messages.info(request, _("U had al gezegd dat u wilt helpen. Dank u wel!"))
        else:
            messages.success(
                request,
                _("Dank u wel! Een buurtmaker brengt u met elkaar in contact."),
            )
        return redirect("residents:asks", slug)
    return render(
        request,
        "residents/help_form.html",
        {"form": form, "ask": ask, "resident": resident},
        status=400 if form.errors else 200,
    )

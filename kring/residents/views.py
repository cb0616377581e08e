"""Pages of the resident's own door ("Mijn Kring", under /mijn/) and the buurtmakers' list of
what residents wrote (/c/<collective>/bewoners-schrijven/)."""

import json

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kring.communities.access import CollectiveAccess, collective_access, collective_view
from kring.communities.models import Role
from kring.core.locking import save_or_conflict
from kring.people.models import ConsentPurpose
from kring.privacy.export_pdf import export_pdf
from kring.privacy.selectors import export_sections
from kring.privacy.services import erase_resident, export_resident
from kring.security.client_ip import client_ip

from . import door, selectors, services
from .forms import (
    AcceptAskForm,
    AskForm,
    AskLinkForm,
    EraseForm,
    GiftOfferForm,
    HelpForm,
    MyConsentForm,
    MyGiftForm,
)

# The backend a link log-in is made with: the project's own (the first one configured).
LINK_BACKEND = "django.contrib.auth.backends.ModelBackend"


# The door: a personal log-in link, and a password of one's own ---------------------------------


# Where a link log-in goes afterwards when it was asked on the way to a page of the door (the
# "Ik help mee" link in a notice): kept in this browser's session, only for pages under /mijn/.
NEXT_KEY = "residents_next"


def _door_page(url: str | None) -> str | None:
    if url and url.startswith("/mijn/") and url_has_allowed_host_and_scheme(url, None):
        return url
    return None


@require_http_methods(["GET", "POST"])
def ask_link(request):
    """Every well-formed address gets the same answer; see kring.residents.door."""
    if request.method == "GET" and _door_page(request.GET.get("next")):
        request.session[NEXT_KEY] = request.GET["next"]
    form = AskLinkForm(request.POST or None)
    if request.method == "POST":
        if door.too_many_asks(client_ip(request)):
            return render(request, "residents/too_many.html", status=429)
        if form.is_valid():
            door.request_link(email=form.cleaned_data["email"], language=get_language())
            return redirect("residents:link_sent")
    return render(
        request,
        "residents/ask_link.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def link_sent(request):
    return render(request, "residents/link_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def open_link(request, uidb64: str, token: str):
    """GET shows one button (a mail program that looks at links must not use the link up);
    POST logs in and opens Mijn Kring."""
    resident = door.resident_for_link(uidb64, token)
    if resident is None:
        # Like Django's own password-reset page: a plain page that offers a new link.
        return render(request, "residents/link_invalid.html")
    if request.method == "POST":
        user = door.open_door(resident=resident)
        after = _door_page(request.session.pop(NEXT_KEY, None))
        login(request, user, backend=LINK_BACKEND)
        messages.success(request, _("Welkom! U bent ingelogd."))
        return redirect(after or reverse("residents:mine", args=[resident.collective.slug]))
    return render(request, "residents/open_link.html", {"resident": resident})


@login_required
@require_http_methods(["GET", "POST"])
def password(request):
    """A password of one's own, so the next time needs no link (optional)."""
    has_one = request.user.has_usable_password()
    form_class = PasswordChangeForm if has_one else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Uw wachtwoord is opgeslagen."))
        return redirect("residents:home")
    return render(
        request,
        "residents/password.html",
        {"form": form, "has_one": has_one},
        status=400 if form.errors else 200,
    )


# Mijn Kring ---------------------------------------------------------------------------------


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


# Buurtmakers --------------------------------------------------------------------------------


@collective_view(role=Role.BUILDER)
def review(request, access: CollectiveAccess):
    """What residents wrote themselves: asks and gifts to accept, and neighbours who want to
    help, to connect."""
    return render(
        request,
        "residents/review.html",
        {
            "asks": [
                (
                    ask,
                    AcceptAskForm(
                        version=ask.version,
                        initiatives=selectors.initiatives_for_asks(access),
                        auto_id=f"ask{ask.pk}_%s",
                    ),
                )
                for ask in selectors.proposed_asks(access)
            ],
            "gift_offers": selectors.proposed_gifts(access),
            "help_offers": selectors.help_waiting(access),
        },
    )


@require_POST
@collective_view(role=Role.BUILDER)
def ask_accept(request, access: CollectiveAccess, pk: int):
    ask = selectors.ask_for_builder(access, pk)
    form = AcceptAskForm(
        request.POST, version=ask.version, initiatives=selectors.initiatives_for_asks(access)
    )
    if form.is_valid():
        _saved, conflict = save_or_conflict(
            form,
            lambda: services.accept_ask(
                access=access,
                ask=ask,
                initiative=form.cleaned_data["initiative"],
                expected_version=form.expected_version,
            ),
        )
        if conflict:
            messages.error(request, _("Iemand anders heeft deze vraag net ook bekeken."))
        else:
            messages.success(request, _("De vraag staat nu open voor de buurt."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("residents:review", access.collective.slug)


@require_POST
@collective_view(role=Role.BUILDER)
def ask_decline(request, access: CollectiveAccess, pk: int):
    ask = selectors.ask_for_builder(access, pk)
    services.decline_ask(access=access, ask=ask)
    messages.success(request, _("De vraag is niet aangenomen."))
    return redirect("residents:review", access.collective.slug)


@require_POST
@collective_view(role=Role.BUILDER)
def gift_accept(request, access: CollectiveAccess, pk: int):
    offer = selectors.gift_offer_for_builder(access, pk)
    try:
        services.accept_gift_offer(access=access, offer=offer)
    except services.NeedsConsent:
        messages.error(request, _("Deze bewoner heeft geen toestemming meer om gaven te bewaren."))
    else:
        messages.success(request, _("De gave staat nu in de inventaris."))
    return redirect("residents:review", access.collective.slug)


@require_POST
@collective_view(role=Role.BUILDER)
def gift_decline(request, access: CollectiveAccess, pk: int):
    offer = selectors.gift_offer_for_builder(access, pk)
    services.decline_gift_offer(access=access, offer=offer)
    messages.success(request, _("De gave is niet aangenomen."))
    return redirect("residents:review", access.collective.slug)


@require_POST
@collective_view(role=Role.BUILDER)
def connect(request, access: CollectiveAccess, pk: int):
    help_offer = selectors.help_offer_for_builder(access, pk)
    services.connect_helper(access=access, help_offer=help_offer)
    messages.success(
        request,
        _("%(a)s en %(b)s zijn met elkaar verbonden (burenhulp).")
        % {"a": help_offer.ask.resident.name, "b": help_offer.resident.name},
    )
    return redirect("residents:review", access.collective.slug)


@require_POST
@collective_view(role=Role.BUILDER)
def send_link(request, access: CollectiveAccess, pk: int):
    """The buurtmaker sends the resident their own link (a button on the resident's page)."""
    resident = selectors.resident_for_builder(access, pk)
    if not resident.email:
        messages.error(
            request, _("Vul eerst het e-mailadres van %(name)s in.") % {"name": resident.name}
        )
    elif not services.invite_resident(access=access, resident=resident, language=get_language()):
        messages.error(
            request,
            _("%(name)s gaf (nog) geen toestemming om gegevens te bewaren. Dan kan dat niet.")
            % {"name": resident.name},
        )
    else:
        messages.success(
            request,
            _("%(name)s krijgt een e-mail met een eigen link naar Kring.")
            % {"name": resident.name},
        )
    return redirect(resident)

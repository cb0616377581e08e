"""What residents wrote, for buurtmakers (/c/<collective>/bewoners-schrijven/): offers and asks to
accept or decline, burenhulp to connect, and a resident's own log-in link sent on request."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.locking import save_or_conflict

from .. import selectors, services
from ..forms import (
    AcceptAskForm,
)


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

"""The contact form on a member's public profile: a visitor writes, the message is mailed to
the collective (kring.public.services.contact) and the visitor sees a thank-you page. The
collective's address is never on these pages."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kring.security import honeypot
from kring.security.client_ip import client_ip

from . import selectors
from .contact_forms import ContactForm
from .services import contact


def _member_taking_messages(slug: str):
    member = selectors.public_member(slug)
    if member is None or not selectors.takes_messages(member):
        raise Http404
    return member


def _page(request, member, form, *, refusal: str = "", status: int = 200):
    return render(
        request,
        "public/member_contact.html",
        {"member": member, "form": form, "refusal": refusal},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def member_contact(request, slug: str):
    member = _member_taking_messages(slug)
    if request.method == "GET":
        return _page(request, member, ContactForm())
    if honeypot.filled(request.POST):
        # A robot gets the same answer as a person; nothing is counted or sent.
        return redirect("public:member_contact_sent", member.slug)
    form = ContactForm(request.POST)
    if not form.is_valid():
        # Typing errors cost nothing: only a message that would be sent counts.
        return _page(request, member, form, status=400)
    data = form.cleaned_data
    try:
        contact.check_limits(collective=member, ip=client_ip(request), email=data["email"])
    except contact.TooSoon:
        refusal = _(
            "U stuurde dit collectief net al een bericht. Wacht een paar minuten en probeer het "
            "dan opnieuw. Uw bericht staat nog hieronder."
        )
        return _page(request, member, form, refusal=refusal, status=429)
    except contact.TooMany:
        refusal = _(
            "Er zijn het afgelopen uur veel berichten verstuurd vanaf deze computer of met dit "
            "e-mailadres. Om misbruik te voorkomen, kan dat nu even niet. Probeer het over een "
            "uur opnieuw. Uw bericht staat nog hieronder."
        )
        return _page(request, member, form, refusal=refusal, status=429)
    try:
        contact.relay_message(
            collective=member, name=data["name"], email=data["email"], message=data["message"]
        )
    except contact.NotSent:
        refusal = _(
            "Het versturen lukte nu niet. Uw bericht staat nog hieronder. Probeer het over een "
            "paar minuten opnieuw."
        )
        return _page(request, member, form, refusal=refusal, status=503)
    return redirect("public:member_contact_sent", member.slug)


def member_contact_sent(request, slug: str):
    member = selectors.public_member(slug)
    if member is None:
        raise Http404
    return render(request, "public/member_contact_sent.html", {"member": member})

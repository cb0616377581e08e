"""The door: a personal log-in link (see ``kring.residents.door``), and a password of one's own."""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kring.security.client_ip import client_ip

from .. import asking, door
from ..forms import (
    AskLinkForm,
)

# The backend a link log-in is made with: the project's own (the first one configured).
LINK_BACKEND = "django.contrib.auth.backends.ModelBackend"


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
        if asking.too_many_asks(client_ip(request)):
            return render(request, "residents/too_many.html", status=429)
        if form.is_valid():
            asking.request_link(email=form.cleaned_data["email"], language=get_language())
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

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities.access import CollectiveAccess, collective_view

from . import selectors, services
from .forms import MunicipalityTokenForm, TokenForm


@collective_view()
def token_index(request, access: CollectiveAccess):
    """Make a token (its secret is shown once, on this answer only), see and revoke tokens."""
    form = TokenForm(request.POST or None, access=access)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.create_token(
            access=access,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        form = TokenForm(access=access)
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": selectors.tokens_for(access)},
        status=400 if form.errors else 200,
    )
    # The secret must not stay in a browser or proxy cache.
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@collective_view()
def token_revoke(request, access: CollectiveAccess, pk: int):
    token = selectors.token_for_change(access, pk)
    services.revoke_token(access=access, token=token)
    messages.success(request, _("De sleutel “%(name)s” werkt niet meer.") % {"name": token.name})
    return redirect("api_tokens:list", access.collective.slug)


def _municipality_user(request):
    if not request.user.is_municipality_user:
        raise Http404
    return request.user


@login_required
def municipality_token_index(request):
    """A municipality user's read-only tokens for the gemeente's figures."""
    user = _municipality_user(request)
    form = MunicipalityTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.create_municipality_token(
            user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = MunicipalityTokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": selectors.municipality_tokens_for(user),
            "municipality_page": True,
        },
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def municipality_token_revoke(request, pk: int):
    user = _municipality_user(request)
    token = get_object_or_404(selectors.municipality_tokens_for(user), pk=pk)
    services.revoke_municipality_token(user=user, token=token)
    messages.success(request, _("De sleutel “%(name)s” werkt niet meer.") % {"name": token.name})
    return redirect("api_tokens:municipality_list")

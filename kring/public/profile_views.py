"""A collective's admin edits its public profile: edit, look at the preview (exactly what the
public will see), then publish or take it offline."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role

from . import selectors, services
from .forms import PublicProfileForm


@collective_view(role=Role.ADMIN)
def edit(request, access: CollectiveAccess):
    form = PublicProfileForm(
        request.POST or None, request.FILES or None, instance=access.collective
    )
    if request.method == "POST" and form.is_valid():
        services.save_public_profile(access=access, collective=form.save(commit=False))
        if access.collective.is_public:
            messages.success(request, _("Opgeslagen. Uw openbare profiel is bijgewerkt."))
        else:
            messages.success(
                request, _("Opgeslagen. Bekijk het voorbeeld en publiceer als het goed is.")
            )
        return redirect("public_profile:preview", access.collective.slug)
    return render(
        request,
        "public/profile_edit.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@collective_view(role=Role.ADMIN)
def preview(request, access: CollectiveAccess):
    collective = access.collective
    return render(
        request,
        "public/profile_preview.html",
        {
            "member": collective,
            "themes": selectors.themes_of(collective),
            "ready": bool(collective.public_teaser and collective.public_place),
        },
    )


@require_POST
@collective_view(role=Role.ADMIN)
def publish(request, access: CollectiveAccess):
    published = request.POST.get("publish") == "1"
    collective = access.collective
    if published and not (collective.public_teaser and collective.public_place):
        messages.error(
            request, _("Vul eerst de plaats en de korte tekst in. Dan kunt u publiceren.")
        )
        return redirect("public_profile:edit", collective.slug)
    services.set_profile_published(access=access, published=published)
    if published:
        messages.success(request, _("Uw profiel staat nu in de ledenlijst en op de kaart."))
    else:
        messages.success(request, _("Uw profiel is niet meer openbaar."))
    return redirect("public_profile:preview", collective.slug)

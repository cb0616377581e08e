"""A collective's admin edits its public profile: edits are kept as a draft, the preview shows
the draft exactly as the public will see it, then the admin publishes it (or throws it away).
The public page keeps showing the published version until then."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.assets.selectors import public_place_addresses
from kring.communities.access import CollectiveAccess, collective_view
from kring.communities.models import Role
from kring.core.locking import save_or_conflict

from . import selectors
from .forms import PublicProfileForm
from .models import ProfileDraft
from .services.profiles import (
    ProfileNotReady,
    discard_profile_draft,
    profile_draft_for,
    save_profile_draft,
    set_profile_published,
)


def _addresses(access: CollectiveAccess) -> list[tuple[str, str]]:
    """Visiting addresses the admin may pick: the collective's own (its settings) and those of
    the places it made public."""
    own = access.collective.address.strip()
    settings = [(_("Adres uit de instellingen"), own)] if own else []
    return settings + public_place_addresses(access)


@collective_view(role=Role.ADMIN)
def edit(request, access: CollectiveAccess):
    draft = profile_draft_for(access.collective)
    form = PublicProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=draft,
        addresses=_addresses(access),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, conflict = save_or_conflict(
            form,
            lambda: save_profile_draft(
                access=access,
                draft=form.save(commit=False),
                user=request.user,
                expected_version=form.expected_version,
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("Opgeslagen als concept. Bekijk het voorbeeld en publiceer als het goed is."),
            )
            return redirect("public_profile:preview", access.collective.slug)
    return render(
        request,
        "public/profile_edit.html",
        {"form": form, "has_draft": draft.pk is not None, "conflict": conflict},
        status=400 if request.method == "POST" else 200,
    )


@collective_view(role=Role.ADMIN)
def preview(request, access: CollectiveAccess):
    collective = access.collective
    draft = ProfileDraft.objects.filter(collective=collective).first()
    member = draft.as_member() if draft else collective
    return render(
        request,
        "public/profile_preview.html",
        {
            "member": member,
            "draft": draft,
            "is_public": collective.is_public,
            "themes": selectors.themes_of(member),
            "contact": selectors.contact_details(member),
            "ready": bool(member.public_teaser and member.public_place),
        },
    )


@require_POST
@collective_view(role=Role.ADMIN)
def publish(request, access: CollectiveAccess):
    published = request.POST.get("publish") == "1"
    collective = access.collective
    try:
        set_profile_published(access=access, published=published, user=request.user)
    except ProfileNotReady:
        messages.error(
            request, _("Vul eerst de plaats en de korte tekst in. Dan kunt u publiceren.")
        )
        return redirect("public_profile:edit", collective.slug)
    if published:
        messages.success(request, _("Uw profiel staat nu in de ledenlijst en op de kaart."))
    else:
        messages.success(request, _("Uw profiel is niet meer openbaar."))
    return redirect("public_profile:preview", collective.slug)


@require_POST
@collective_view(role=Role.ADMIN)
def discard(request, access: CollectiveAccess):
    if discard_profile_draft(access=access, user=request.user):
        messages.success(request, _("Het concept is weggegooid. Het openbare profiel is gebleven."))
    else:
        messages.info(request, _("Er was geen concept om weg te gooien."))
    return redirect("public_profile:preview", access.collective.slug)

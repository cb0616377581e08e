from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kring.core import overview as overview_sections
from kring.core.locking import save_or_conflict
from kring.core.models import User

from . import parts, services
from .access import CollectiveAccess, collective_view
from .forms import AcceptInvitationForm, CollectiveForm, InvitationForm, RoleForm
from .models import Role
from .selectors import members_of, open_invitation_for, open_invitations


@collective_view()
def overview(request, access: CollectiveAccess):
    """'Wat is er al': start from what the neighbourhood has. Every part of the page comes
    from an app on a higher floor (the counts and what is new from kring.assets, the figures
    over time from kring.impact): see kring.core.overview."""

    # The sections that show only the collective's data come from the page cache, under the
    # versions of the kinds of data each shows (as registered), read once for all of them.
    keep = parts.KeptSections(request, access, shows=overview_sections.shows)
    sections = overview_sections.sections(access, keep=keep)
    return render(request, "communities/overview.html", {"sections": sections})


@collective_view(role=Role.ADMIN)
def members(request, access: CollectiveAccess):
    return _members_page(request, access, InvitationForm())


def _members_page(request, access: CollectiveAccess, form, *, status: int = 200):
    """The members page, also shown again (with status 400) when an invitation has errors."""
    return render(
        request,
        "communities/members.html",
        {
            "members": members_of(access.collective),
            "invitations": open_invitations(access.collective),
            "form": form,
            "role_choices": Role.choices,
        },
        status=status,
    )


@collective_view(role=Role.ADMIN)
def invite(request, access: CollectiveAccess):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation, _token = services.invite_member(
            access=access, email=form.cleaned_data["email"], role=form.cleaned_data["role"]
        )
        days = (invitation.expires_at - invitation.created_at).days
        messages.success(
            request,
            ngettext(
                "De uitnodiging is verstuurd naar %(email)s. De link werkt %(days)s dag.",
                "De uitnodiging is verstuurd naar %(email)s. De link werkt %(days)s dagen.",
                days,
            )
            % {"email": invitation.email, "days": days},
        )
        return redirect("communities:members", access.collective.slug)
    return _members_page(request, access, form, status=400 if request.method == "POST" else 200)


@require_POST
@collective_view(role=Role.ADMIN)
def revoke(request, access: CollectiveAccess, pk: int):
    invitation = get_object_or_404(open_invitations(access.collective), pk=pk)
    services.revoke_invitation(access=access, invitation=invitation)
    messages.success(
        request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email}
    )
    return redirect("communities:members", access.collective.slug)


@require_POST
@collective_view(role=Role.ADMIN)
def change_role(request, access: CollectiveAccess, pk: int):
    membership = get_object_or_404(members_of(access.collective), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een rol uit de lijst."))
    else:
        try:
            services.change_role(
                access=access, membership=membership, role=form.cleaned_data["role"]
            )
            messages.success(
                request, _("De rol van %(name)s is aangepast.") % {"name": membership.user}
            )
        except services.LastAdminError:
            messages.error(
                request,
                _("Er moet minstens één beheerder blijven. Maak eerst iemand anders beheerder."),
            )
    return redirect("communities:members", access.collective.slug)


@require_POST
@collective_view(role=Role.ADMIN)
def remove(request, access: CollectiveAccess, pk: int):
    membership = get_object_or_404(members_of(access.collective), pk=pk)
    try:
        services.remove_member(access=access, membership=membership)
        messages.success(
            request, _("%(name)s hoort niet meer bij het collectief.") % {"name": membership.user}
        )
    except services.LastAdminError:
        messages.error(
            request,
            _("Er moet minstens één beheerder blijven. Maak eerst iemand anders beheerder."),
        )
    return redirect("communities:members", access.collective.slug)


@collective_view(role=Role.ADMIN)
def settings_view(request, access: CollectiveAccess):
    collective = access.collective
    form = CollectiveForm(request.POST or None, instance=collective)
    conflict = None
    if request.method == "POST" and form.is_valid():
        _saved, conflict = save_or_conflict(
            form,
            lambda: services.update_collective(
                access=access,
                collective=form.save(commit=False),
                working_area=form.cleaned_data["working_area"],
                expected_version=form.expected_version,
            ),
        )
        if conflict is None:
            messages.success(request, _("De gegevens van het collectief zijn opgeslagen."))
            return redirect("communities:settings", collective.slug)
    return render(
        request,
        "communities/settings.html",
        {"form": form, "conflict": conflict},
        status=400 if request.method == "POST" else 200,
    )


def accept(request, token: str):
    """The link in an invitation mail: works logged in (adds the membership) or not (creates
    the log-in). An old or unknown link says so plainly."""
    invitation = open_invitation_for(token)
    if invitation is None:
        return render(request, "communities/invitation_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email.lower() != invitation.email:
        return render(
            request,
            "communities/invitation_other_user.html",
            {"invitation": invitation},
            status=403,
        )
    existing = user or User.objects.filter(email__iexact=invitation.email).first()
    # A log-in made inactive by moving a collective (kring.exports) is claimed by its invitation.
    placeholder = (
        existing is not None and not existing.is_active and not existing.has_usable_password()
    )
    if existing is not None and user is None and not placeholder:
        # Someone with a log-in must log in first, so nobody takes over their account.
        messages.info(request, _("U heeft al een inlog. Log in om de uitnodiging aan te nemen."))
        return redirect(f"{reverse('login')}?{urlencode({'next': request.path})}")
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (user is not None or form.is_valid()):
        new_user = services.accept_invitation(
            invitation=invitation,
            user=user,
            name=form.cleaned_data.get("name", "") if user is None else "",
            password=form.cleaned_data.get("password", "") if user is None else "",
        )
        if user is None:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom bij %(name)s!") % {"name": invitation.collective.name})
        return redirect(invitation.collective)
    return render(
        request,
        "communities/accept.html",
        {"invitation": invitation, "form": form, "user_exists": user is not None},
        status=400 if request.method == "POST" else 200,
    )

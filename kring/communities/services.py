"""Changes to collectives, memberships and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from kring.core.locking import check_version
from kring.core.models import User

from .access import CollectiveAccess
from .models import Collective, Invitation, Kind, Membership, Role
from .selectors import hash_token


@transaction.atomic
def invite_member(
    *, access: CollectiveAccess, email: str, role: str, resident=None
) -> tuple[Invitation, str]:
    """Create an invitation and mail its link. Returns the invitation and the plain token
    (shown nowhere else: only its hash is stored)."""
    return _invite(
        collective=access.collective,
        email=email,
        role=role,
        resident=resident,
        invited_by=access.user,
    )


def _invite(*, collective, email: str, role: str, resident, invited_by) -> tuple[Invitation, str]:
    email = email.strip().lower()
    # A newer invitation replaces an older open one for the same address.
    Invitation.objects.filter(
        collective=collective, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        collective=collective,
        email=email,
        role=role,
        resident=resident,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.KRING_INVITATION_DAYS),
    )
    link = settings.SITE_URL + reverse("communities:accept", args=[token])
    context = {"invitation": invitation, "link": link, "days": settings.KRING_INVITATION_DAYS}
    with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
        subject = render_to_string("communities/email/invitation_subject.txt", context).strip()
        body = render_to_string("communities/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation, token


def unique_slug(name: str) -> str:
    """A free slug made from the name: "buurtkracht", "buurtkracht-2", ..."""
    base = slugify(name)[:70].strip("-") or "collectief"
    slug, number = base, 1
    while Collective.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def found_collective(
    *,
    name: str,
    legal_form: str,
    municipality,
    working_area,
    description: str,
    contact_name: str,
    contact_email: str,
    invited_by,
    kind: str = Kind.COLLECTIVE,
) -> tuple[Collective, Invitation, str]:
    """A new collective the network accepted, with an invitation for its contact person to
    become its first beheerder (the usual invitation: the link makes them a member)."""
    collective = Collective.objects.create(
        name=name,
        slug=unique_slug(name),
        kind=kind,
        legal_form=legal_form,
        municipality=municipality,
        description=description,
        contact_name=contact_name,
        contact_email=contact_email,
    )
    collective.working_area.set(working_area)
    invitation, token = _invite(
        collective=collective,
        email=contact_email,
        role=Role.ADMIN,
        resident=None,
        invited_by=invited_by,
    )
    return collective, invitation, token


@transaction.atomic
def accept_invitation(
    *, invitation: Invitation, user: User | None, name: str = "", password: str = ""
) -> User:
    """Make the invited person a member: with their existing log-in, or a new one."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValueError("invitation is no longer open")
    if user is None:
        # An inactive log-in without a password (made when a collective moved here) is taken
        # over by whoever has the invitation sent to its address.
        user = User.objects.filter(
            email__iexact=invitation.email, is_active=False, password__startswith="!"
        ).first()
        if user is not None:
            user.name, user.is_active = name or user.name, True
            user.set_password(password)
            user.save(update_fields=["name", "is_active", "password"])
        else:
            user = User.objects.create_user(email=invitation.email, password=password, name=name)
    membership, created = Membership.objects.get_or_create(
        user=user, collective=invitation.collective, defaults={"role": invitation.role}
    )
    if not created and not membership.has_role(invitation.role):
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    if invitation.resident_id and invitation.resident.user_id is None:
        resident = invitation.resident
        if not user.resident_records.filter(collective=invitation.collective).exists():
            resident.user = user
            resident.save(update_fields=["user"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def join_as_resident(*, collective, user: User) -> Membership:
    """A resident who opened their own door (a log-in link) becomes a plain member (lid) of
    their collective, so they see what members may see; a higher role stays as it is."""
    membership, _created = Membership.objects.get_or_create(
        user=user, collective=collective, defaults={"role": Role.MEMBER}
    )
    return membership


@transaction.atomic
def revoke_invitation(*, access: CollectiveAccess, invitation: Invitation) -> None:
    if invitation.collective_id != access.collective.pk:
        raise ValueError("invitation belongs to another collective")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


class LastAdminError(Exception):
    """A collective must keep at least one beheerder."""


@transaction.atomic
def change_role(*, access: CollectiveAccess, membership: Membership, role: str) -> Membership:
    if membership.collective_id != access.collective.pk:
        raise ValueError("membership belongs to another collective")
    if membership.role == Role.ADMIN and role != Role.ADMIN and _admin_count(access) <= 1:
        raise LastAdminError
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, access: CollectiveAccess, membership: Membership) -> None:
    if membership.collective_id != access.collective.pk:
        raise ValueError("membership belongs to another collective")
    if membership.role == Role.ADMIN and _admin_count(access) <= 1:
        raise LastAdminError
    membership.delete()


def _admin_count(access: CollectiveAccess) -> int:
    return (
        Membership.objects.select_for_update()
        .filter(collective=access.collective, role=Role.ADMIN)
        .count()
    )


@transaction.atomic
def update_collective(
    *, access: CollectiveAccess, collective, working_area, expected_version: int | None = None
):
    """Save the settings; a change someone else saved meanwhile raises EditConflict."""
    if collective.pk != access.collective.pk:
        raise ValueError("another collective")
    check_version(collective, expected_version)
    collective.save()
    collective.working_area.set(working_area)
    return collective

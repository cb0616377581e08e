"""The first steps of a collective that joined through the sign-up page, shown on its overview
until all are done. Each step is checked from what the collective really did, never ticked
by hand, and links to the page where it is done."""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring.communities.models import Invitation, Membership, Role
from kring.core.overview import Section
from kring.impact.models import SharingLog
from kring.imports.models import ImportJob, ImportStatus
from kring.people.models import Conversation

from .models import JoinRequest


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url: str
    done: bool
    # Done on a page only a beheerder may open: others see the step without the link.
    admin_only: bool = False


def steps(collective) -> list[Step]:
    slug = collective.slug
    builders_invited = (
        Membership.objects.filter(collective=collective, role=Role.BUILDER).exists()
        or Invitation.objects.filter(
            collective=collective, role=Role.BUILDER, revoked_at__isnull=True
        ).exists()
    )
    return [
        Step(
            "profile",
            _("Zet het openbare profiel in de ledenlijst van het netwerk"),
            reverse("public_profile:edit", args=[slug]),
            collective.is_public,
            admin_only=True,
        ),
        Step(
            "conversation",
            _("Voer het eerste gaven-gesprek"),
            reverse("assets:conversation", args=[slug]),
            Conversation.objects.filter(collective=collective).exists(),
        ),
        Step(
            "builders",
            _("Nodig buurtmakers uit"),
            reverse("communities:members", args=[slug]),
            builders_invited,
            admin_only=True,
        ),
        Step(
            "sharing",
            _("Kies wat u deelt met de gemeente"),
            reverse("impact:sharing", args=[slug]),
            SharingLog.objects.filter(collective=collective).exists(),
            admin_only=True,
        ),
        Step(
            "import",
            _("Zet een lijst die u al heeft in Kring (importeren)"),
            reverse("imports:index", args=[slug]),
            ImportJob.objects.filter(collective=collective, status=ImportStatus.DONE).exists(),
        ),
    ]


def joined_key(collective_id: int) -> str:
    return f"joining:signed-up:{collective_id}"


def joined_by_sign_up(collective_id: int) -> bool:
    """Whether the collective came in through the sign-up page. It never changes once the
    collective exists (an approval makes a new collective), so it is kept in the shared cache:
    the overview asks on every visit."""
    return cache.get_or_set(
        joined_key(collective_id),
        lambda: JoinRequest.objects.filter(collective_id=collective_id).exists(),
        timeout=None,
    )


def overview_section(access) -> Section | None:
    """The checklist for beheerders and buurtmakers of a collective that joined through the
    sign-up page, until every step is done."""
    if not access.is_builder:
        return None
    if not joined_by_sign_up(access.collective.pk):
        return None
    found = steps(access.collective)
    if all(step.done for step in found):
        return None
    return Section(
        "joining/_checklist.html",
        {
            "steps": found,
            "done": sum(step.done for step in found),
            "total": len(found),
            "can_admin": access.is_admin,
        },
    )

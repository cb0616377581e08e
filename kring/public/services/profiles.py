"""A collective's public profile: a draft that admins edit, published when it has a place and a
short text."""

from django.db import transaction
from django.utils import timezone

from kring.communities.access import CollectiveAccess
from kring.communities.models import Collective
from kring.core import audit
from kring.core.locking import bump_version, check_version

from ..models import PROFILE_FIELDS, ProfileDraft


class ProfileNotReady(Exception):
    """A profile without place or short text is not published."""


def _profile_values(obj) -> dict:
    # A logo is copied by its file name: a FieldFile belongs to one model instance.
    return {
        name: getattr(obj, name).name if name == "public_logo" else getattr(obj, name)
        for name in PROFILE_FIELDS
    }


def profile_draft_for(collective: Collective) -> ProfileDraft:
    """The collective's draft, or a new unsaved one that starts from the published profile."""
    draft = ProfileDraft.objects.filter(collective=collective).first()
    if draft is None:
        draft = ProfileDraft(collective=collective, **_profile_values(collective))
    return draft


def _check_admin(access: CollectiveAccess, collective: Collective | None = None) -> None:
    if not access.is_admin or (collective is not None and collective.pk != access.collective.pk):
        raise PermissionError("only an admin of this collective edits its public profile")


def _remove_logo_file(name: str, *, keep: set[str]) -> None:
    """Delete a logo file that nothing points at any more (after the transaction commits)."""
    if name and name not in keep:
        storage = ProfileDraft._meta.get_field("public_logo").storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_profile_draft(
    *, access: CollectiveAccess, draft: ProfileDraft, user, expected_version: int | None = None
) -> ProfileDraft:
    """Keep the edits as a draft. The public page keeps showing the published profile until
    the admin publishes the draft."""
    _check_admin(access, draft.collective)
    check_version(draft, expected_version)
    previous = ProfileDraft.objects.filter(pk=draft.pk).values_list("public_logo", flat=True)
    draft.updated_by = user if getattr(user, "is_authenticated", False) else None
    draft.save()
    for old in previous:
        _remove_logo_file(old, keep={draft.public_logo.name, access.collective.public_logo.name})
    audit.record(
        actor=user,
        collective=access.collective,
        action=audit.Action.CHANGE,
        target=draft,
        summary="concept openbaar profiel bewaard",
    )
    return draft


@transaction.atomic
def publish_profile(*, access: CollectiveAccess, user) -> Collective:
    """Publish: the draft (if any) becomes the public profile, and the profile is public."""
    _check_admin(access)
    collective = Collective.objects.select_for_update().get(pk=access.collective.pk)
    draft = ProfileDraft.objects.filter(collective=collective).first()
    old_logo = collective.public_logo.name
    if draft is not None:
        for name, value in _profile_values(draft).items():
            setattr(collective, name, value)
        collective.public_updated_at = timezone.now()
    if not (collective.public_teaser and collective.public_place):
        raise ProfileNotReady
    collective.is_public = True
    # The settings page edits these fields too: a form loaded before this is now stale.
    bump_version(collective)
    collective.save(update_fields=[*PROFILE_FIELDS, "public_updated_at", "is_public", "version"])
    if draft is not None:
        draft.delete()
        _remove_logo_file(old_logo, keep={collective.public_logo.name})
    access.collective.refresh_from_db()
    audit.record(
        actor=user,
        collective=collective,
        action=audit.Action.CHANGE,
        target=collective,
        summary="openbaar profiel gepubliceerd" + (" met nieuw concept" if draft else ""),
    )
    return collective


@transaction.atomic
def discard_profile_draft(*, access: CollectiveAccess, user) -> bool:
    """Throw the draft away; the published profile stays as it was."""
    _check_admin(access)
    draft = ProfileDraft.objects.filter(collective=access.collective).first()
    if draft is None:
        return False
    _remove_logo_file(draft.public_logo.name, keep={access.collective.public_logo.name})
    audit.record(
        actor=user,
        collective=access.collective,
        action=audit.Action.DELETE,
        target=draft,
        summary="concept openbaar profiel weggegooid",
    )
    draft.delete()
    return True


@transaction.atomic
def set_profile_published(*, access: CollectiveAccess, published: bool, user=None) -> Collective:
    """Take the profile offline (``published=False``), or put the published version back
    online without a draft."""
    if published:
        return publish_profile(access=access, user=user)
    _check_admin(access)
    collective = access.collective
    bump_version(collective)
    collective.is_public = False
    audit.save_and_record(
        collective,
        update_fields=["is_public", "version"],
        actor=user,
        collective=collective,
        action=audit.Action.CHANGE,
        summary="openbaar profiel offline gehaald",
    )
    return collective

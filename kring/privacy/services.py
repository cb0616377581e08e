"""The rights of residents that change data: erasure. Export (inzage) is a read, but it is
personal data leaving Kring, so it is logged here too.

Erasure, decided once for every table (see docs/architecture.md, "Privacy"):
- the resident record stays as an empty shell (no name, contact, languages, log-in; marked
  ``erased_at``), so conversations held, connections made and participation keep counting;
- gifts are deleted (their history shows the deletion) and every historical version of them
  loses its text; labels used only by those gifts go too;
- stories the resident is named as teller of lose that name; a story only they told is their
  personal data like a gift, and goes the same way (left without a teller it would count as
  the collective's own story and could be shared without anyone's consent);
- consents stay as proof of what was allowed, withdrawn from now on;
- invitations to the resident or their e-mail address in this collective are deleted;
- the log-in is deleted when the person has no other collective; otherwise only unlinked and
  their membership of this collective ended;
- records of other apps that point at the resident keep the link to the shell and lose their
  free text (notes, descriptions);
- the audit log is left as it is: it holds numbers and purposes, never names (audit.record).
"""

from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from kring.assets.counts import forget as forget_counts
from kring.assets.models import Asset, Tag
from kring.communities.models import Invitation, Membership, Role
from kring.exports.archive_jobs import withdraw_archives
from kring.people.models import Consent, Resident
from kring.privacy import audit
from kring.security.services import forget_login_records

from .selectors import KNOWN_RELATIONS, resident_export

# What an erased gift's historical versions say instead of their text.
ERASED_TEXT = "—"


@dataclass
class Erasure:
    gifts: int = 0
    stories: int = 0
    teller_links: int = 0
    history_rows: int = 0
    invitations: int = 0
    free_text_rows: int = 0
    login: str = "none"  # "deleted", "unlinked" or "none"

    def summary(self) -> str:
        return (
            f"erased: {self.gifts} gifts, {self.stories} stories, "
            f"{self.teller_links} teller links, {self.history_rows} history rows, "
            f"{self.invitations} invitations, {self.free_text_rows} notes, login {self.login}"
        )


def export_resident(*, actor, resident: Resident, fmt: str) -> dict:
    """Everything about the resident, logged as an export (by staff or by the resident)."""
    data = resident_export(resident)
    audit.record(
        actor=actor,
        collective=resident.collective_id,
        action=audit.Action.EXPORT,
        target=resident,
        summary=f"inzage ({fmt})",
    )
    return data


def _free_text_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and f.blank
        and not f.choices
        and not f.primary_key
    ]


def _blank_other_records(resident: Resident) -> int:
    changed = 0
    for relation in Resident._meta.related_objects:
        if relation.get_accessor_name() in KNOWN_RELATIONS or relation.many_to_many:
            continue
        model = relation.related_model
        fields = _free_text_fields(model)
        if fields:
            rows = model._base_manager.filter(**{relation.field.name: resident})
            changed += rows.update(**dict.fromkeys(fields, ""))
    return changed


def _login_plan(resident: Resident) -> str:
    """Delete the log-in, or only unlink it when the person still has another role in Kring."""
    user = resident.user
    if user is None:
        return "none"
    elsewhere = Membership.objects.filter(user=user).exclude(collective=resident.collective_id)
    working_role = Membership.objects.filter(
        user=user, collective=resident.collective_id, role__in=[Role.ADMIN, Role.BUILDER]
    )
    if user.is_staff or user.is_municipality_user or elsewhere.exists() or working_role.exists():
        return "unlinked"
    return "deleted"


def _purge_full_text_indexes() -> None:
    """SQLite's FTS5 keeps deleted words in its segments until they are merged; 'optimize'
    rewrites them without. (PostgreSQL's GIN indexes are no tables; VACUUM clears dead rows.)"""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE %s",
            ["CREATE VIRTUAL TABLE % USING fts5%"],
        )
        for (table,) in cursor.fetchall():
            name = connection.ops.quote_name(table)
            cursor.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")


@transaction.atomic
def erase_resident(*, actor, resident: Resident, reason: str = "request") -> Erasure:
    """Remove the resident's personal data and keep counts right; see the module docstring.
    ``reason`` is "request" (the resident asked) or "retention" (the period passed)."""
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if resident.erased_at:
        return Erasure()
    result = Erasure()
    now = timezone.now()

    gifts = list(Asset.objects.filter(resident=resident).prefetch_related("tags"))
    # Stories: the link to the teller goes; a story told by nobody else goes as a whole.
    told = Asset.tellers.through.objects.filter(resident_id=resident.pk)
    story_ids = set(told.values_list("asset_id", flat=True))
    shared = set(
        Asset.tellers.through.objects.filter(asset_id__in=story_ids)
        .exclude(resident_id=resident.pk)
        .values_list("asset_id", flat=True)
    )
    result.teller_links = told.delete()[0]
    alone = story_ids - shared
    stories = list(Asset.objects.filter(pk__in=alone).prefetch_related("tags"))
    tag_ids = {t.pk for asset in gifts + stories for t in asset.tags.all()}
    for asset in gifts + stories:
        asset._history_user = actor if getattr(actor, "is_authenticated", False) else None
        asset.delete()
    result.gifts, result.stories = len(gifts), len(stories)
    Tag.objects.filter(pk__in=tag_ids, assets__isnull=True).delete()
    erased_history = models.Q(resident_id=resident.pk) | models.Q(id__in=alone)
    result.history_rows = Asset.history.filter(erased_history).update(
        title=ERASED_TEXT,
        description="",
        contact="",
        website="",
        address="",
        image="",
        image_description="",
        history_change_reason=None,
    )

    Consent.objects.filter(resident=resident, withdrawn_at__isnull=True).update(withdrawn_at=now)
    forget_counts(resident.collective_id)
    invitations = Invitation.objects.filter(resident=resident)
    if resident.email:
        invitations |= Invitation.objects.filter(
            collective=resident.collective_id, email__iexact=resident.email
        )
    result.invitations, _ = invitations.delete()
    result.free_text_rows = _blank_other_records(resident)
    withdraw_archives(collective_id=resident.collective_id)
    result.login = _login_plan(resident)
    user = resident.user

    Resident.objects.filter(pk=resident.pk).update(
        name="",
        email="",
        phone="",
        address="",
        languages="",
        user=None,
        erased_at=now,
        updated_at=now,
        version=models.F("version") + 1,
    )
    audit.record(
        actor=actor,
        collective=resident.collective_id,
        action=audit.Action.ERASE if reason == "request" else audit.Action.RETENTION,
        target=resident,
        summary=result.summary(),
    )
    _purge_full_text_indexes()
    # After the log entry, which keeps the actor's number even when the actor is this log-in.
    if result.login == "deleted":
        forget_login_records(email=user.email)
        user.delete()
    elif result.login == "unlinked":
        # A plain membership came with the resident's own log-in; a working role stays.
        Membership.objects.filter(
            user=user, collective=resident.collective_id, role=Role.MEMBER
        ).delete()
    return result


@transaction.atomic
def correct_own_data(*, user, resident: Resident, expected_version: int | None) -> Resident:
    """A resident corrects their own record ("Mijn gegevens"); same lock as staff edits."""
    from kring.core.locking import check_version

    if resident.user_id != user.pk or resident.erased_at:
        raise ValueError("not this user's resident record")
    check_version(resident, expected_version)
    resident.save()
    audit.record(
        actor=user,
        collective=resident.collective_id,
        action=audit.Action.CHANGE,
        target=resident,
        summary="corrected by the resident",
    )
    return resident

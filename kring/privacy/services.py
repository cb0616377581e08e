"""The rights of residents that change data: erasure. Export (inzage) is a read, but it is
personal data leaving Kring, so it is logged here too.

Erasure, decided once for every table (see kring/privacy/__init__.py):
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
- the audit log is left as it is: it holds numbers and purposes, never names (audit.record);
- free texts elsewhere in the collective that name the resident (``mentions.py``) are shown to
  the buurtmaker first; the erasure records for each whether it went with the erasure, was
  edited before it (its history then loses the name too) or was left as it is, and why, in an
  ``ErasureReceipt``.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils import timezone

from kring.assets import services as asset_services
from kring.assets.counts import forget as forget_counts
from kring.assets.models import Asset, Tag
from kring.communities.models import Invitation, Membership, Role
from kring.core import erasure
from kring.core.locking import check_version
from kring.people.models import Consent, Resident
from kring.privacy import audit

from .mentions import MentionFinder, NameMatcher, parse_key, place_url
from .models import ErasureReceipt
from .selectors import (
    cleared_by_erasure,
    erased_text_fields,
    other_relations,
    resident_export,
    stories_told_alone,
)
from .text_places import PLACES

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
    mentions: list[dict] = field(default_factory=list)
    receipt: ErasureReceipt | None = None

    def mention_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOMES, 0)
        for mention in self.mentions:
            counts[mention["outcome"]] += 1
        return counts

    def summary(self) -> str:
        counts = self.mention_counts()
        return (
            f"erased: {self.gifts} gifts, {self.stories} stories, "
            f"{self.teller_links} teller links, {self.history_rows} history rows, "
            f"{self.invitations} invitations, {self.free_text_rows} notes, login {self.login}; "
            f"texts naming them: {len(self.mentions)} "
            + "("
            + ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
            + ")"
        )


# What happened to a text that named the resident.
OUTCOMES = ("cleared", "edited", "removed", "left")
# Why a text was left as it is: chosen by the buurtmaker, or because no one could look.
LEFT_BECAUSE = ("other_person", "agreed", "not_a_person", "self", "retention", "unreviewed")


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


def _blank_other_records(resident: Resident) -> int:
    changed = 0
    for relation in other_relations():
        model = relation.related_model
        rows = model._base_manager.filter(**{relation.field.name: resident})
        changed += rows.update(**dict.fromkeys(erased_text_fields(model), ""))
    return changed


def _place_for(label: str, field_name: str):
    for place in PLACES:
        if place.model.lower() == label and field_name in place.fields:
            return place
    return None


def _mask_history(model, pk: int, fields, matcher: NameMatcher) -> int:
    """Old versions of a record edited before the erasure lose the name too."""
    history = getattr(model, "history", None)
    if history is None:
        return 0
    changed = 0
    for row in history.filter(id=pk).values("history_id", *fields):
        masked = {name: matcher.mask(row[name]) for name in fields if row[name]}
        masked = {name: value for name, value in masked.items() if value != row[name]}
        if masked:
            changed += history.filter(history_id=row["history_id"]).update(**masked)
    return changed


def _mention_outcomes(
    *, resident, finder, cleared, shown: Collection[str], left: Mapping[str, str], default_why
) -> tuple[list[dict], int]:
    """One entry per text that named the resident, and how many history rows were masked."""
    whole, emptied = cleared
    entries, found = [], set()
    for mention in finder.mentions:
        found.add(mention.key)
        entry = {
            "model": mention.model_label,
            "pk": mention.pk,
            "field": mention.field,
            "title": mention.title,
            "url": mention.url,
            "count": mention.count,
        }
        if (mention.model_label, mention.pk) in whole or (
            mention.model_label,
            mention.pk,
            mention.field,
        ) in emptied:
            # Its title may be the resident's own words (a gift, a story): not kept.
            entry.update(outcome="cleared", title="", url="")
        else:
            why = left.get(mention.key)
            entry["outcome"] = "left"
            entry["why"] = why if why in LEFT_BECAUSE else default_why
        entries.append(entry)
    masked = 0
    for key in dict.fromkeys(shown):
        parsed = parse_key(key)
        if parsed is None or key in found:
            continue
        label, pk, field_name = parsed
        place = _place_for(label, field_name)
        if place is None:
            continue
        model = place.model_class()
        rows = model._base_manager.filter(pk=pk)
        here = rows.filter(**{place.collective: resident.collective_id})
        extra = [x for x in (place.url_arg, place.title) if x]
        values = here.values(*extra).first() if extra else ({} if here.exists() else None)
        if values is None and rows.exists():
            continue  # another collective's record: not ours to report on
        entry = {"model": label, "pk": pk, "field": field_name, "count": 0}
        if values is None:
            entry.update(outcome="removed", title="", url="")
        else:
            title = values.get(place.title, "") if place.title else ""
            entry.update(
                outcome="edited",
                title=finder.matcher.mask(str(title or "")),
                url=place_url(place, resident.collective.slug, values.get(place.url_arg)),
            )
        masked += _mask_history(model, pk, place.fields, finder.matcher)
        entries.append(entry)
    return entries, masked


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
def erase_resident(
    *,
    actor,
    resident: Resident,
    reason: str = "request",
    shown: Collection[str] = (),
    left: Mapping[str, str] | None = None,
) -> Erasure:
    """Remove the resident's personal data and keep counts right; see the module docstring.
    ``reason`` is "request" (the resident asked) or "retention" (the period passed).
    ``shown`` are the keys of the texts naming the resident that the buurtmaker was shown
    before (``Mention.key``); one that no longer names them was edited. ``left`` says, per
    key, why a text still naming them stays as it is (one of ``LEFT_BECAUSE``)."""
    # Lock the resident's row only (PostgreSQL would lock the joined collective too).
    resident = (
        Resident.objects.select_for_update(of=("self",))
        .select_related("collective")
        .get(pk=resident.pk)
    )
    if resident.erased_at:
        return Erasure()
    result = Erasure()
    now = timezone.now()
    own = bool(resident.user_id) and getattr(actor, "pk", None) == resident.user_id
    receipt_reason, default_why = _receipt_reason(reason, own=own)
    # Read while the name and the gifts are still there.
    finder = MentionFinder(collective=resident.collective, name=resident.name)
    result.mentions, masked = _mention_outcomes(
        resident=resident,
        finder=finder,
        cleared=cleared_by_erasure(resident),
        shown=shown,
        left=left or {},
        default_why=default_why,
    )
    _erase_gifts_and_stories(actor=actor, resident=resident, result=result, masked=masked)
    Consent.objects.filter(resident=resident, withdrawn_at__isnull=True).update(withdrawn_at=now)
    forget_counts(resident.collective_id)
    result.invitations = _delete_invitations(resident)
    result.free_text_rows = _blank_other_records(resident)
    result.login = _login_plan(resident)
    user = resident.user
    _blank_resident(resident, now=now)
    result.receipt = _write_receipt(
        actor=actor, resident=resident, result=result, reason=receipt_reason, now=now
    )
    audit.record(
        actor=actor,
        collective=resident.collective_id,
        action=audit.Action.ERASE if reason == "request" else audit.Action.RETENTION,
        target=resident,
        summary=result.summary()[:300],
    )
    _purge_full_text_indexes()
    # What apps on higher floors hold about the resident (moving archives, log-in records):
    # they registered their part (kring.core.erasure).
    erasure.run_parts(
        resident=resident, actor=actor, login=result.login, email=user.email if user else ""
    )
    # After the log entry, which keeps the actor's number even when the actor is this log-in.
    _end_login(result.login, user=user, resident=resident)
    return result


def _receipt_reason(reason: str, *, own: bool) -> tuple[str, str]:
    """The receipt's reason, and why a text still naming the resident stays when nobody said."""
    if reason == "retention":
        return ErasureReceipt.Reason.RETENTION, "retention"
    if own:
        return ErasureReceipt.Reason.SELF, "self"
    return ErasureReceipt.Reason.REQUEST, "unreviewed"


def _erase_gifts_and_stories(*, actor, resident: Resident, result: Erasure, masked: int) -> None:
    """Delete the resident's gifts and the stories only they told, drop tags nothing carries
    any more, and blank the history rows of both (``masked`` rows were blanked before)."""
    gifts = list(Asset.objects.filter(resident=resident).prefetch_related("tags"))
    # Stories: the link to the teller goes; a story told by nobody else goes as a whole.
    alone = stories_told_alone(resident)
    result.teller_links = Asset.tellers.through.objects.filter(resident_id=resident.pk).delete()[0]
    stories = list(Asset.objects.filter(pk__in=alone).prefetch_related("tags"))
    tag_ids = {t.pk for asset in gifts + stories for t in asset.tags.all()}
    asset_services.delete_for_erasure(actor=actor, assets=gifts + stories)
    result.gifts, result.stories = len(gifts), len(stories)
    Tag.objects.filter(pk__in=tag_ids, assets__isnull=True).delete()
    erased_history = models.Q(resident_id=resident.pk) | models.Q(id__in=alone)
    result.history_rows = masked + Asset.history.filter(erased_history).update(
        title=ERASED_TEXT,
        description="",
        contact="",
        website="",
        address="",
        image="",
        image_description="",
        history_change_reason=None,
    )


def _delete_invitations(resident: Resident) -> int:
    """The resident's invitations, and those sent to their address in this collective."""
    invitations = Invitation.objects.filter(resident=resident)
    if resident.email:
        invitations |= Invitation.objects.filter(
            collective=resident.collective_id, email__iexact=resident.email
        )
    deleted, _ = invitations.delete()
    return deleted


def _blank_resident(resident: Resident, *, now) -> None:
    """The row stays (counts and ties keep their resident), without anything personal."""
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


def _write_receipt(*, actor, resident: Resident, result: Erasure, reason: str, now):
    return ErasureReceipt.objects.create(
        collective_id=resident.collective_id,
        resident_id=resident.pk,
        erased_at=now,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
        done={
            "gifts": result.gifts,
            "stories": result.stories,
            "teller_links": result.teller_links,
            "history_rows": result.history_rows,
            "invitations": result.invitations,
            "free_text_rows": result.free_text_rows,
            "login": result.login,
        },
        mentions=result.mentions,
    )


def _end_login(login: str, *, user, resident: Resident) -> None:
    """What ``_login_plan`` decided: the resident's own log-in goes, or only its plain membership."""
    if login == "deleted":
        user.delete()
    elif login == "unlinked":
        # A plain membership came with the resident's own log-in; a working role stays.
        Membership.objects.filter(
            user=user, collective=resident.collective_id, role=Role.MEMBER
        ).delete()


@transaction.atomic
def correct_own_data(*, user, resident: Resident, expected_version: int | None) -> Resident:
    """A resident corrects their own record ("Mijn gegevens"); same lock as staff edits."""

    if resident.user_id != user.pk or resident.erased_at:
        raise ValueError("not this user's resident record")
    check_version(resident, expected_version)
    audit.save_and_record(
        resident,
        actor=user,
        collective=resident.collective_id,
        action=audit.Action.CHANGE,
        summary="corrected by the resident",
    )
    return resident

"""Every change in kring.impact: a collective's sharing choice (logged twice: in its own
sharing log and in the audit log), a gemeente's targets, and starting a report."""

from django.db import transaction

from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.core.locking import EditConflict
from kring.geo.models import Municipality

from . import prepared
from .models import ImpactReport, ShareGroup, SharingChoice, SharingLog, Target
from .selectors import sharing_municipalities
from .tasks import make_report, prepare_after_sharing


@transaction.atomic
def set_sharing(
    *,
    access: CollectiveAccess,
    municipality: Municipality,
    groups: list[str],
    expected_version: int | None = None,
) -> SharingChoice:
    """With ``expected_version`` (0: there was no choice yet) a choice another admin saved
    meanwhile raises EditConflict instead of being overwritten."""
    if not access.is_admin:
        raise PermissionError("only a collective's admin chooses what it shares")
    allowed = {m.pk for m in sharing_municipalities(access.collective)}
    if municipality.pk not in allowed:
        raise ValueError("this collective does not work in that gemeente")
    groups = [g for g in ShareGroup.values if g in set(groups)]
    choice = (
        SharingChoice.objects.select_for_update()
        .filter(collective=access.collective, municipality=municipality)
        .first()
    )
    if expected_version is not None and (choice.version if choice else 0) != expected_version:
        raise EditConflict(
            choice
            or SharingChoice(
                collective=access.collective, municipality=municipality, groups=[], version=0
            )
        )
    withdrawn = set(choice.groups if choice else []) - set(groups)
    if choice is None:
        choice = SharingChoice.objects.create(
            collective=access.collective,
            municipality=municipality,
            groups=groups,
            updated_by=access.user,
        )
    else:
        choice.groups = groups
        choice.updated_by = access.user
        choice.version += 1
        choice.save(update_fields=["groups", "updated_by", "updated_at", "version"])
    SharingLog.objects.create(
        collective=access.collective,
        municipality=municipality,
        groups=groups,
        changed_by=access.user,
    )
    audit.record(
        access=access,
        action=audit.Action.CHANGE,
        target=choice,
        summary=(
            f"Delen met {municipality.code}: {', '.join(groups)}"
            if groups
            else f"Delen met {municipality.code} gestopt"
        ),
    )
    if withdrawn:
        # Kept figures that count what is withdrawn go now, not when new ones are made.
        prepared.discard(municipality.pk)
    prepare_after_sharing(municipality.pk, access.collective.pk)
    return choice


@transaction.atomic
def set_target(
    *,
    user,
    indicator: str,
    year: int,
    value: int | None,
    seen: dict[tuple[str, int], int] | None = None,
) -> Target | None:
    """A municipality user sets (or, with no value, removes) a target of its own gemeente.
    With ``seen`` (``target_versions`` when the page was shown) a target someone else set,
    changed or removed meanwhile raises EditConflict instead of being overwritten."""
    if user.municipality_id is None:
        raise PermissionError("only municipality users set targets")
    current = (
        Target.objects.select_for_update()
        .filter(municipality_id=user.municipality_id, indicator=indicator, year=year)
        .first()
    )
    if seen is not None:
        expected = seen.get((indicator, year))
        if (current.version if current else None) != expected:
            # Removed meanwhile: the conflict names an empty target.
            raise EditConflict(
                current
                or Target(
                    municipality_id=user.municipality_id,
                    indicator=indicator,
                    year=year,
                    version=0,
                )
            )
    if value is None:
        Target.objects.filter(
            municipality_id=user.municipality_id, indicator=indicator, year=year
        ).delete()
        return None
    target, _created = Target.objects.update_or_create(
        municipality_id=user.municipality_id,
        indicator=indicator,
        year=year,
        defaults={
            "value": value,
            "set_by": user,
            "version": current.version + 1 if current else 1,
        },
    )
    return target


def start_report(*, user, year: int) -> ImpactReport:
    if user.municipality_id is None:
        raise PermissionError("only municipality users ask for reports")
    report = ImpactReport.objects.create(
        municipality_id=user.municipality_id, year=year, created_by=user
    )
    make_report.enqueue(report.pk)
    return report

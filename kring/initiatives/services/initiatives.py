"""Changes to initiatives and their needs; new needs are announced (``signals.needs_created``)."""

from django.db import transaction

from kring.assets.models import Asset
from kring.communities.access import CollectiveAccess
from kring.core import audit
from kring.core.locking import check_version
from kring.people.models import Resident

from ..models import (
    Initiative,
    Need,
    NeedStatus,
    Question,
)
from ..signals import announce_needs
from .scope import same_collective


def parse_needs(text: str) -> list[str]:
    """One need per line; empty lines and doubles dropped, each cut to the field's length."""
    needs: list[str] = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())[:300]
        if line and line not in needs:
            needs.append(line)
    return needs


@transaction.atomic
def create_initiative(
    *,
    access: CollectiveAccess,
    initiative: Initiative,
    initiators: list[Resident] = (),
    participants: list[Resident] = (),
    assets: list[Asset] = (),
    tasks=(),
    needs: dict[str, list[str]] | None = None,
) -> Initiative:
    """Save a new initiative with its people, assets, opgaven and first needs per question."""
    initiative.collective = access.collective
    initiative.created_by = access.user
    same_collective(access, *initiators, *participants, *assets)
    initiative.full_clean(exclude=["collective"])
    initiative.save()
    initiative.initiators.set(initiators)
    initiative.participants.set(participants)
    initiative.assets.set(assets)
    initiative.tasks.set(tasks)
    announce_needs(
        Need.objects.bulk_create(
            Need(initiative=initiative, text=text, question=question)
            for question in Question.values
            for text in (needs or {}).get(question, [])
        )
    )
    audit.record(
        access=access,
        action=audit.Action.CREATE,
        target=initiative,
        summary=f"initiative with {len(initiators)} initiators, {len(participants)} participants",
    )
    return initiative


@transaction.atomic
def update_initiative(
    *,
    access: CollectiveAccess,
    initiative: Initiative,
    initiators: list[Resident],
    participants: list[Resident],
    assets: list[Asset],
    tasks,
    expected_version: int | None = None,
) -> Initiative:
    """Save changes; with ``expected_version`` (from the edit form) a change someone else saved
    meanwhile raises kring.core.locking.EditConflict instead of being overwritten."""
    same_collective(access, initiative, *initiators, *participants, *assets)
    check_version(initiative, expected_version)
    initiative.save()
    initiative.initiators.set(initiators)
    initiative.participants.set(participants)
    initiative.assets.set(assets)
    initiative.tasks.set(tasks)
    audit.record(
        access=access,
        action=audit.Action.CHANGE,
        target=initiative,
        summary=f"initiative with {len(initiators)} initiators, {len(participants)} participants",
    )
    return initiative


@transaction.atomic
def add_needs(
    *, access: CollectiveAccess, initiative: Initiative, question: str, texts: list[str]
) -> list[Need]:
    same_collective(access, initiative)
    if question not in Question.values:
        raise ValueError(f"unknown question {question!r}")
    needs = Need.objects.bulk_create(
        Need(initiative=initiative, text=text, question=question) for text in texts
    )
    announce_needs(needs)
    return needs


@transaction.atomic
def set_need_status(
    *, access: CollectiveAccess, need: Need, status: str, expected_version: int | None = None
) -> Need:
    """With ``expected_version`` (the version the page showed) a status someone else set
    meanwhile raises EditConflict instead of being overwritten."""
    same_collective(access, need.initiative)
    if status not in NeedStatus.values:
        raise ValueError(f"unknown status {status!r}")
    check_version(need, expected_version)
    need.status = status
    need.save(update_fields=["status", "version"])
    return need


@transaction.atomic
def delete_need(*, access: CollectiveAccess, need: Need) -> None:
    same_collective(access, need.initiative)
    need.delete()

"""A collective joins the network: the request, the confirmed address, the editor's decision.

Approval makes the collective through kring.communities and invites the contact person as its
first beheerder with the usual invitation. Sign-up is limited per visitor's address and per
e-mail address (kring.security.rate); a robot that fills the hidden field gets the same answer
as a person and nothing is stored."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from kring.communities import services as community_services
from kring.privacy import audit
from kring.security import rate

from . import mail
from .models import JoinRequest, RequestStatus
from .onboarding import joined_key

CONFIRM_SALT = "kring.joining.confirm"


class InvalidLink(Exception):
    """A confirmation link that is wrong, too old or already used up."""


class NotDecidable(Exception):
    """The request is not waiting for a decision (not confirmed, or decided already)."""


def too_many(*, ip: str, email: str) -> bool:
    """Count one sign-up from this visitor and to this address; True past either hourly limit."""
    by_ip = rate.count(f"kring:joining:ip:{rate.hashed(ip or '-')}")
    by_address = rate.count(f"kring:joining:to:{rate.hashed(email or '-')}")
    return (
        by_ip > settings.KRING_JOIN_REQUESTS_PER_HOUR
        or by_address > settings.KRING_JOIN_REQUESTS_PER_ADDRESS
    )


def confirm_token(request: JoinRequest) -> str:
    return signing.dumps([request.pk, request.contact_email], salt=CONFIRM_SALT)


@transaction.atomic
def submit_request(*, join_request: JoinRequest, working_area, terms_text: str) -> JoinRequest:
    """Store the request and mail the contact a link to confirm the address. Editors see it
    only once the address is confirmed."""
    join_request.contact_email = join_request.contact_email.strip().lower()
    join_request.terms_text = str(terms_text)
    join_request.status = RequestStatus.UNCONFIRMED
    join_request.save()
    join_request.working_area.set(working_area)
    audit.record(
        actor=None,
        collective=None,
        action=audit.Action.CREATE,
        target=join_request,
        summary="Aanmelding collectief, wacht op bevestiging van het e-mailadres",
    )
    token = confirm_token(join_request)
    transaction.on_commit(lambda: mail.send_confirm(join_request, token=token))
    return join_request


@transaction.atomic
def confirm_request(*, token: str) -> JoinRequest:
    try:
        pk, email = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.KRING_JOIN_CONFIRM_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink from None
    join_request = (
        JoinRequest.objects.select_for_update().filter(pk=pk, contact_email=email).first()
    )
    if join_request is None or join_request.status == RequestStatus.DECLINED:
        raise InvalidLink
    if join_request.status == RequestStatus.UNCONFIRMED:
        join_request.status = RequestStatus.WAITING
        join_request.confirmed_at = timezone.now()
        join_request.save(update_fields=["status", "confirmed_at"])
        transaction.on_commit(lambda: mail.send_to_editors(join_request))
    return join_request


def _lock_waiting(join_request: JoinRequest) -> JoinRequest:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.status != RequestStatus.WAITING:
        raise NotDecidable
    return locked


@transaction.atomic
def approve_request(*, editor, join_request: JoinRequest) -> JoinRequest:
    """Make the collective and invite the contact person as its first beheerder."""
    locked = _lock_waiting(join_request)
    collective, _invitation, _token = community_services.found_collective(
        name=locked.name,
        legal_form=locked.legal_form,
        municipality=locked.municipality,
        working_area=list(locked.working_area.all()),
        description=locked.description,
        contact_name=locked.contact_name,
        contact_email=locked.contact_email,
        invited_by=editor,
    )
    locked.status = RequestStatus.APPROVED
    locked.decided_at = timezone.now()
    locked.decided_by = editor
    locked.collective = collective
    locked.save(update_fields=["status", "decided_at", "decided_by", "collective"])
    cache.delete(joined_key(collective.pk))
    audit.record(
        actor=editor,
        collective=collective,
        action=audit.Action.CREATE,
        target=collective,
        summary=f"Aanmelding goedgekeurd; collectief aangemaakt (aanmelding {locked.pk})",
    )
    transaction.on_commit(lambda: mail.send_approved(locked))
    return locked


@transaction.atomic
def decline_request(*, editor, join_request: JoinRequest, reason: str) -> JoinRequest:
    locked = _lock_waiting(join_request)
    locked.status = RequestStatus.DECLINED
    locked.decided_at = timezone.now()
    locked.decided_by = editor
    locked.decline_reason = reason.strip()
    audit.save_and_record(
        locked,
        update_fields=["status", "decided_at", "decided_by", "decline_reason"],
        actor=editor,
        collective=None,
        action=audit.Action.CHANGE,
        summary="Aanmelding collectief afgewezen",
    )
    # The mail is made now, while the address is still kept.
    transaction.on_commit(lambda: mail.send_declined(locked))
    return locked


def old_requests(*, now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.KRING_RETENTION_JOIN_REQUEST_DAYS)
    return JoinRequest.objects.filter(
        status__in=[RequestStatus.DECLINED, RequestStatus.UNCONFIRMED], created_at__lt=cutoff
    ).exclude(contact_email="", contact_name="")


@transaction.atomic
def forget_old_requests(*, now=None) -> int:
    """Remove the contact person's name and address from requests that were declined or never
    confirmed, once KRING_RETENTION_JOIN_REQUEST_DAYS have passed. Approved requests keep
    them: they are the collective's own contact details, kept on the collective."""
    return old_requests(now=now).update(contact_name="", contact_email="")


def purge_old_contacts(*, dry_run: bool) -> int:
    """Part of the daily retention run (kring.core.retention)."""
    return old_requests().count() if dry_run else forget_old_requests()


def erase_contact(*, editor, join_request: JoinRequest) -> JoinRequest:
    """At the contact person's request: their name and address go at once."""
    JoinRequest.objects.filter(pk=join_request.pk).update(contact_name="", contact_email="")
    audit.record(
        actor=editor,
        collective=None,
        action=audit.Action.ERASE,
        target=join_request,
        summary="Naam en e-mailadres van de contactpersoon gewist",
    )
    join_request.refresh_from_db()
    return join_request

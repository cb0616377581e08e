"""Every state change of the public site: member profiles, news and publications, the
Buurtmakers Academie and the newsletter. Keyword-only arguments, one transaction each; what
touches someone's e-mail address writes the audit log."""

import secrets

from django.conf import settings
from django.core import signing
from django.core.mail import get_connection
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from kring.communities.access import CollectiveAccess
from kring.communities.models import Collective
from kring.core.locking import bump_version, check_version
from kring.privacy import audit

from . import mail
from .models import (
    PROFILE_FIELDS,
    Article,
    Delivery,
    EditorImage,
    Meeting,
    Newsletter,
    NewsletterStatus,
    Picture,
    ProfileDraft,
    Publication,
    Registration,
    RegistrationStatus,
    Subscriber,
    SubscriberStatus,
    Theme,
)
from .richtext import sanitize

CONFIRM_SALT = "kring.public.newsletter.confirm"
UNSUBSCRIBE_SALT = "kring.public.newsletter.unsubscribe"
CANCEL_SALT = "kring.public.academy.cancel"


class ProfileNotReady(Exception):
    """A profile without place or short text is not published."""


class InvalidLink(Exception):
    """A link from a mail that is unknown, changed or expired."""


# --- Member profiles ---------------------------------------------------------------------------


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
    collective.save(update_fields=["is_public", "version"])
    audit.record(
        actor=user,
        collective=collective,
        action=audit.Action.CHANGE,
        target=collective,
        summary="openbaar profiel offline gehaald",
    )
    return collective


# --- News and publications ---------------------------------------------------------------------


@transaction.atomic
def save_editor_image(*, editor, upload) -> EditorImage:
    """Store a picture for a rich text. ``upload`` has been through
    kring.core.images.clean_uploaded_image (checked, re-encoded, no metadata); it gets a random
    name, so its address is one the sanitiser accepts and nobody can guess."""
    if not getattr(editor, "is_network_editor", False):
        raise PermissionError("only network editors upload pictures for rich text")
    extension = upload.name.rsplit(".", 1)[-1]
    image = EditorImage(uploaded_by=editor)
    image.image.save(f"{secrets.token_hex(12)}.{extension}", upload, save=False)
    image.save()
    return image


@transaction.atomic
def delete_public_item(*, editor, item: Article | Publication | Meeting) -> dict:
    """Delete a news item, publication or meeting for good, with its uploaded files (removed
    once the transaction commits). Links from other items go; a meeting takes its
    registrations with it. Logged, with numbers only."""
    if not getattr(editor, "is_network_editor", False):
        raise PermissionError("only network editors delete public items")
    files = [
        (getattr(item, field.name).storage, getattr(item, field.name).name)
        for field in item._meta.concrete_fields
        if isinstance(field, models.FileField) and getattr(item, field.name)
    ]
    registrations = item.registrations.count() if isinstance(item, Meeting) else 0
    summary = f"{item._meta.model_name} verwijderd"
    if registrations:
        summary += f" met {registrations} aanmeldingen"
    audit.record(
        actor=editor, collective=None, action=audit.Action.DELETE, target=item, summary=summary
    )
    item.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return {"files": len(files), "registrations": registrations}


def _set_themes(obj, names: list[str]) -> None:
    themes = []
    for name in names:
        theme = Theme.objects.filter(name__iexact=name).first()
        if theme is None:
            theme = Theme.objects.create(name=name, slug=_free_theme_slug(name))
        themes.append(theme)
    obj.themes.set(themes)


def _free_theme_slug(name: str) -> str:
    base = slugify(name)[:70] or "thema"
    slug, n = base, 2
    while Theme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_article(
    *,
    editor,
    article: Article,
    theme_names: list[str],
    collectives,
    publications,
    expected_version: int | None = None,
) -> Article:
    check_version(article, expected_version)
    article.body = sanitize(article.body)
    if article.author_id is None:
        article.author = editor
    article.save()
    article.collectives.set(collectives)
    article.publications.set(publications)
    _set_themes(article, theme_names)
    return article


@transaction.atomic
def save_publication(
    *,
    editor,
    publication: Publication,
    theme_names: list[str],
    expected_version: int | None = None,
) -> Publication:
    check_version(publication, expected_version)
    publication.body = sanitize(publication.body)
    if publication.file:
        publication.file_size = publication.file.size
    publication.save()
    _set_themes(publication, theme_names)
    return publication


@transaction.atomic
def save_picture(
    *, editor, picture: Picture, theme_names: list[str], expected_version: int | None = None
) -> Picture:
    check_version(picture, expected_version)
    picture.save()
    _set_themes(picture, theme_names)
    return picture


# --- Buurtmakers Academie ----------------------------------------------------------------------


def cancel_token(registration: Registration) -> str:
    return signing.Signer(salt=CANCEL_SALT).sign(str(registration.pk))


def registration_for_token(token: str) -> Registration:
    try:
        pk = int(signing.Signer(salt=CANCEL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None
    registration = Registration.objects.select_related("meeting").filter(pk=pk).first()
    if registration is None:
        raise InvalidLink
    return registration


@transaction.atomic
def register(*, meeting: Meeting, name: str, email: str, organisation: str = "") -> Registration:
    """A place if there is one, otherwise the waiting list. Signing up twice keeps one
    registration."""
    # Locks the meeting row, so two people cannot take the last place at the same time.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    email = email.strip().lower()
    existing = (
        meeting.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .filter(email=email)
        .first()
    )
    if existing is not None:
        mail.send_registration(existing, token=cancel_token(existing))
        return existing
    taken = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    registration = Registration.objects.create(
        meeting=meeting,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        status=RegistrationStatus.CONFIRMED
        if taken < meeting.capacity
        else RegistrationStatus.WAITING,
    )
    audit.record(
        actor=None,
        collective=None,
        action=audit.Action.CREATE,
        target=registration,
        summary="Aanmelding voor een bijeenkomst van de academie",
    )
    transaction.on_commit(
        lambda: mail.send_registration(registration, token=cancel_token(registration))
    )
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration) -> Registration | None:
    """Cancel; a freed place goes to the first on the waiting list, who gets a mail. Returns
    whoever moved up."""
    meeting = Meeting.objects.select_for_update().get(pk=registration.meeting_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit.record(
        actor=None,
        collective=None,
        action=audit.Action.CHANGE,
        target=registration,
        summary="Afgemeld voor een bijeenkomst van de academie",
    )
    if not was_confirmed:
        return None
    moved = fill_places(meeting=meeting)
    return moved[0] if moved else None


@transaction.atomic
def fill_places(*, meeting: Meeting) -> list[Registration]:
    """Move people up from the waiting list while there are free places (after a cancellation
    or when an editor adds places)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    taken = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = max(0, meeting.capacity - taken)
    moved = list(meeting.registrations.filter(status=RegistrationStatus.WAITING)[:free])
    for registration in moved:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        transaction.on_commit(lambda r=registration: mail.send_moved_up(r, token=cancel_token(r)))
    return moved


@transaction.atomic
def save_meeting(*, editor, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    check_version(meeting, expected_version)
    meeting.body = sanitize(meeting.body)
    meeting.save()
    fill_places(meeting=meeting)
    return meeting


# --- Newsletter --------------------------------------------------------------------------------


def ip_hash(ip: str | None) -> str:
    """A keyed hash: enough to show later that a sign-up came from one place, without keeping
    the address itself."""
    if not ip:
        return ""
    return salted_hmac("kring.public.subscriber.ip", ip).hexdigest()[:32]


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))


def subscriber_for_unsubscribe(token: str) -> Subscriber:
    try:
        pk = int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidLink from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise InvalidLink
    return subscriber


@transaction.atomic
def subscribe(*, email: str, consent_text: str, ip: str | None) -> Subscriber:
    """Record the sign-up with its proof of consent and mail a confirmation link. Nothing is
    sent to the address until that link is used (double opt-in)."""
    email = email.strip().lower()
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
        # The page says the same as for a new address, so nobody learns who is subscribed.
        transaction.on_commit(lambda: mail.send_already_subscribed(subscriber))
        return subscriber
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.status = SubscriberStatus.PENDING
    subscriber.consent_text = consent_text
    subscriber.consent_at = now
    subscriber.consent_ip_hash = ip_hash(ip)
    subscriber.confirmed_at = None
    subscriber.unsubscribed_at = None
    subscriber.save()
    audit.record(
        actor=None,
        collective=None,
        action=audit.Action.CONSENT,
        target=subscriber,
        summary="Aanmelding nieuwsbrief, wacht op bevestiging",
    )
    transaction.on_commit(
        lambda: mail.send_confirmation(subscriber, token=confirm_token(subscriber))
    )
    return subscriber


def _confirm_payload(token: str):
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.KRING_NEWSLETTER_CONFIRM_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLink from None


def confirm_token_is_valid(token: str) -> bool:
    try:
        pk, email = _confirm_payload(token)
    except (InvalidLink, ValueError, TypeError):
        return False
    return (
        Subscriber.objects.filter(pk=pk, email=email)
        .exclude(status=SubscriberStatus.UNSUBSCRIBED)
        .exists()
    )


@transaction.atomic
def confirm_subscription(*, token: str) -> Subscriber:
    try:
        pk, email = _confirm_payload(token)
    except (ValueError, TypeError):
        raise InvalidLink from None
    subscriber = Subscriber.objects.select_for_update().filter(pk=pk, email=email).first()
    if subscriber is None or subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        raise InvalidLink
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
        audit.record(
            actor=None,
            collective=None,
            action=audit.Action.CONSENT,
            target=subscriber,
            summary="Aanmelding nieuwsbrief bevestigd",
        )
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        audit.record(
            actor=None,
            collective=None,
            action=audit.Action.WITHDRAW,
            target=subscriber,
            summary="Afgemeld voor de nieuwsbrief",
        )
    return subscriber


@transaction.atomic
def save_newsletter(
    *, editor, newsletter: Newsletter, expected_version: int | None = None
) -> Newsletter:
    if (
        newsletter.pk
        and Newsletter.objects.filter(
            pk=newsletter.pk, status__in=[NewsletterStatus.SENDING, NewsletterStatus.SENT]
        ).exists()
    ):
        raise ValueError("a newsletter that is being sent or was sent cannot change")
    check_version(newsletter, expected_version)
    newsletter.body = sanitize(newsletter.body)
    if newsletter.created_by_id is None:
        newsletter.created_by = editor
    newsletter.save()
    return newsletter


@transaction.atomic
def start_sending(*, editor, newsletter: Newsletter) -> int:
    """Fix the list of recipients (confirmed subscribers at this moment) and queue the
    background task. Returns how many will receive it; a second call does nothing."""
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.DRAFT:
        return 0
    recipients = list(
        Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).values_list("pk", flat=True)
    )
    Delivery.objects.bulk_create(
        [Delivery(newsletter=locked, subscriber_id=pk) for pk in recipients]
    )
    locked.status = NewsletterStatus.SENDING
    locked.send_started_at = timezone.now()
    locked.save(update_fields=["status", "send_started_at"])
    from .tasks import send_newsletter

    transaction.on_commit(lambda: send_newsletter.enqueue(newsletter_id=locked.pk))
    return len(recipients)


def deliver_batch(*, newsletter: Newsletter, limit: int) -> int:
    """Send up to ``limit`` of the deliveries still open; each is marked on its own, so a
    retried task never sends twice. Someone who unsubscribed meanwhile is skipped."""
    open_deliveries = list(
        Delivery.objects.filter(newsletter=newsletter, sent_at__isnull=True, error="")
        .select_related("subscriber")
        .order_by("pk")[:limit]
    )
    connection = get_connection()
    for delivery in open_deliveries:
        subscriber = delivery.subscriber
        if subscriber.status != SubscriberStatus.CONFIRMED:
            Delivery.objects.filter(pk=delivery.pk).update(error="afgemeld voor verzending")
            continue
        try:
            mail.send_newsletter(
                newsletter, subscriber, token=unsubscribe_token(subscriber), connection=connection
            )
        except Exception as error:  # one bad address must not stop the rest
            Delivery.objects.filter(pk=delivery.pk).update(error=str(error)[:300] or "fout")
        else:
            Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    return len(open_deliveries)


def finish_sending(*, newsletter: Newsletter) -> None:
    Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.SENDING).update(
        status=NewsletterStatus.SENT, sent_at=timezone.now()
    )

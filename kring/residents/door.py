"""The resident's personal log-in link: asked on a public page (or sent by a buurtmaker after a
gift conversation), mailed by the background worker, valid for KRING_LOGIN_LINK_MINUTES and
only once.

Like the forgotten-password link (kring.security.password_reset) asking never tells whether an
address is known: every well-formed address gets the same page, the mail is made in the
background, asks are limited per visitor's address and mails per e-mail address (``asking``). No log-in
exists until the link is opened: only then is one made (or the existing one for the address
used) and linked to the resident's records of every collective where they gave consent.

The token is Django's password-reset token over the resident record instead of a user: its
hash holds the linked log-in and when it last logged in, so opening the link (which logs in)
makes every earlier link for that address invalid."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from kring.communities.services import join_as_resident
from kring.people.models import ConsentPurpose, Resident
from kring.privacy import audit


class LoginLinkTokens(PasswordResetTokenGenerator):
    key_salt = "kring.residents.door.LoginLinkTokens"

    def _make_hash_value(self, resident, timestamp):
        user = resident.user
        login = ""
        if user is not None:
            last = user.last_login
            login = f"{user.pk}{'' if last is None else last.replace(microsecond=0, tzinfo=None)}"
        return f"{resident.pk}{resident.email.lower()}{resident.erased_at}{login}{timestamp}"

    def check_token(self, resident, token):
        if not super().check_token(resident, token):
            return False
        made = base36_to_int(token.split("-")[0])
        age = self._num_seconds(self._now()) - made
        return age <= settings.KRING_LOGIN_LINK_MINUTES * 60


tokens = LoginLinkTokens()


def records_for(email: str):
    """The resident records a link for ``email`` opens: not erased, with consent to be kept."""
    email = email.strip()
    if not email:
        return Resident.objects.none()
    return (
        Resident.objects.filter(email__iexact=email, erased_at__isnull=True)
        .with_consent(ConsentPurpose.INVENTORY)
        .select_related("collective", "user")
        .order_by("collective__name", "pk")
    )


def link_for(resident: Resident) -> str:
    uid = urlsafe_base64_encode(force_bytes(resident.pk))
    path = reverse("residents:open_link", args=[uid, tokens.make_token(resident)])
    return f"{settings.SITE_URL}{path}"


def send_link_mail(*, email: str, language: str, by_builder=None) -> int:
    """Mail one link for all of the address's records; returns how many records it opens."""
    records = list(records_for(email))
    if not records:
        return 0
    with translation.override(language):
        context = {
            "name": records[0].name,
            "collectives": [r.collective.name for r in records],
            "link": link_for(records[0]),
            "minutes": settings.KRING_LOGIN_LINK_MINUTES,
            "ask_again": f"{settings.SITE_URL}{reverse('residents:ask_link')}",
            "by_builder": by_builder,
        }
        EmailMultiAlternatives(
            subject=_("Uw eigen link naar Kring"),
            body=render_to_string("residents/mail/login_link.txt", context),
            to=[records[0].email],
        ).send()
    return len(records)


def resident_for_link(uidb64: str, token: str) -> Resident | None:
    """The record a link was made for, while the link still works; otherwise None."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    if pk > 2**63 - 1:
        return None
    resident = records_for_pk(pk)
    if resident is None or not tokens.check_token(resident, token):
        return None
    return resident


def records_for_pk(pk: int) -> Resident | None:
    return (
        Resident.objects.filter(pk=pk, erased_at__isnull=True)
        .with_consent(ConsentPurpose.INVENTORY)
        .select_related("user", "collective")
        .first()
    )


@transaction.atomic
def open_door(*, resident: Resident):
    """The link was opened: the log-in for the resident's address (made now if there is none)
    is linked to every record of that address with consent, in each collective as a member.
    Returns the log-in; the caller logs it in, which makes the link used."""
    User = get_user_model()
    email = resident.email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=resident.name)
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    for record in records_for(email).select_for_update(of=("self",)):
        if record.user_id not in (None, user.pk):
            continue  # linked to another log-in by a buurtmaker's invitation: left alone
        if record.user_id is None:
            if Resident.objects.filter(user=user, collective=record.collective).exists():
                continue
            Resident.objects.filter(pk=record.pk).update(user=user, updated_at=timezone.now())
        join_as_resident(collective=record.collective, user=user)
        audit.record(
            actor=user,
            collective=record.collective_id,
            action=audit.Action.CHANGE,
            target=record,
            summary="log-in opened by the resident (personal link)",
        )
    return user

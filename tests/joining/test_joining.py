"""A collective signs up, confirms its address, an editor decides; the checklist follows."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from kring.communities.models import Collective, Invitation, Membership, Role
from kring.communities.selectors import open_invitation_for
from kring.communities.services import accept_invitation
from kring.joining import services
from kring.joining.models import JoinRequest, RequestStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def editor(db):
    return factories.UserFactory(
        email="redactie@example.org", name="Rita Redactie", is_network_editor=True
    )


def form_data(municipality, neighbourhood, **extra):
    return {
        "name": "Buurtkracht Oost",
        "legal_form": "stichting",
        "municipality": str(municipality.pk),
        "working_area": [str(neighbourhood.pk)],
        "contact_name": "Noor Contact",
        "contact_email": "Noor@Example.org",
        "description": "Wij doen dingen met de buurt.",
        "terms": "on",
        **extra,
    }


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_sign_up_confirm_approve_makes_the_collective_and_invites_its_first_beheerder(
    client, municipality, neighbourhood, editor, on_commit
):
    with on_commit(execute=True):
        response = client.post(reverse("joining:join"), form_data(municipality, neighbourhood))
    assert response.status_code == 302
    request = JoinRequest.objects.get()
    assert request.status == RequestStatus.UNCONFIRMED
    assert request.contact_email == "noor@example.org"
    assert "afspraken van het netwerk" in request.terms_text
    assert mail.outbox[-1].to == ["noor@example.org"]
    # Not confirmed yet: editors do not see it.
    client.force_login(editor)
    assert "Buurtkracht Oost" not in client.get(reverse("joining:requests")).content.decode()
    client.logout()

    path = link_in(mail.outbox[-1]).split("testserver")[-1].replace("http://localhost:8000", "")
    path = path[path.index("/join/") :]
    assert "bevestigen" in client.get(path).content.decode()
    with on_commit(execute=True):
        response = client.post(path)
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING
    assert mail.outbox[-1].to == ["redactie@example.org"]

    client.force_login(editor)
    assert "Buurtkracht Oost" in client.get(reverse("joining:requests")).content.decode()
    with on_commit(execute=True):
        response = client.post(
            reverse("joining:detail", args=[request.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    collective = Collective.objects.get(name="Buurtkracht Oost")
    assert request.status == RequestStatus.APPROVED and request.collective == collective
    assert list(collective.working_area.all()) == [neighbourhood]
    invitation = Invitation.objects.get(collective=collective)
    assert invitation.role == Role.ADMIN and invitation.email == "noor@example.org"
    subjects = [m.subject for m in mail.outbox if m.to == ["noor@example.org"]]
    assert any("welkom" in s for s in subjects)
    assert any("Kring" in m.body and "beheerder" in m.body for m in mail.outbox[-2:])
    # Approving twice does nothing.
    client.post(reverse("joining:detail", args=[request.pk]), {"decision": "approve"})
    assert Collective.objects.filter(name="Buurtkracht Oost").count() == 1


def test_decline_needs_a_reason_and_mails_it(
    client, municipality, neighbourhood, editor, on_commit
):
    request = JoinRequest.objects.create(
        name="Twijfelgeval",
        legal_form="informeel",
        municipality=municipality,
        contact_name="Tim",
        contact_email="tim@example.org",
        description="x",
        terms_text="t",
        status=RequestStatus.WAITING,
    )
    client.force_login(editor)
    url = reverse("joining:detail", args=[request.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert response.status_code == 400
    assert "Schrijf waarom u de aanmelding afwijst." in response.content.decode()
    with on_commit(execute=True):
        response = client.post(url, {"decision": "decline", "reason": "Geen bewonerscollectief."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert "Geen bewonerscollectief." in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["tim@example.org"]


def test_bad_input_gets_dutch_errors_and_keeps_what_was_typed(client, municipality, neighbourhood):
    data = form_data(municipality, neighbourhood, contact_email="geen-adres", terms="")
    response = client.post(reverse("joining:join"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een geldig e-mailadres in" in body
    assert "Zet een vinkje als u het eens bent met de afspraken." in body
    assert 'value="Buurtkracht Oost"' in body
    assert JoinRequest.objects.count() == 0


def test_show_buurten_lists_the_gemeentes_buurten_without_errors(
    client, municipality, neighbourhood
):
    data = form_data(municipality, neighbourhood, working_area=[], show_buurten="1")
    response = client.post(reverse("joining:join"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gaffelstraat" in body and 'value="Buurtkracht Oost"' in body
    assert "error-summary" not in body


def test_honeypot_and_rate_limit_hold_spam_back(client, municipality, neighbourhood, settings):
    response = client.post(
        reverse("joining:join"), form_data(municipality, neighbourhood, website="http://spam")
    )
    assert response.status_code == 302 and JoinRequest.objects.count() == 0
    settings.KRING_JOIN_REQUESTS_PER_ADDRESS = 2
    for _i in range(2):
        assert (
            client.post(reverse("joining:join"), form_data(municipality, neighbourhood)).status_code
            == 302
        )
    response = client.post(reverse("joining:join"), form_data(municipality, neighbourhood))
    assert response.status_code == 429
    assert "Even wachten" in response.content.decode()
    assert JoinRequest.objects.count() == 2


def test_a_wrong_confirmation_link_is_refused(client):
    response = client.post(reverse("joining:confirm", args=["nonsense"]))
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_only_network_editors_see_requests(client, alice):
    client.force_login(alice)
    assert client.get(reverse("joining:requests")).status_code == 403


def test_old_declined_requests_forget_the_contact(municipality):
    from datetime import timedelta

    from django.utils import timezone

    request = JoinRequest.objects.create(
        name="Oud",
        legal_form="informeel",
        municipality=municipality,
        contact_name="Oud Contact",
        contact_email="oud@example.org",
        description="x",
        terms_text="t",
        status=RequestStatus.DECLINED,
    )
    assert services.forget_old_requests() == 0
    assert services.forget_old_requests(now=timezone.now() + timedelta(days=400)) == 1
    request.refresh_from_db()
    assert request.contact_name == "" and request.contact_email == ""


def test_checklist_shows_on_a_new_collective_until_done(
    client, municipality, neighbourhood, editor
):
    request = JoinRequest.objects.create(
        name="Nieuwkomers",
        legal_form="informeel",
        municipality=municipality,
        contact_name="Nina",
        contact_email="nina@example.org",
        description="x",
        terms_text="t",
        status=RequestStatus.WAITING,
    )
    request.working_area.set([neighbourhood])
    services.approve_request(editor=editor, join_request=request)
    invitation = Invitation.objects.get(email="nina@example.org")
    # The token is only in the mail; accept through the service with a new token.
    from kring.communities import services as community_services

    _invitation, token = community_services._invite(
        collective=invitation.collective,
        email="nina@example.org",
        role=Role.ADMIN,
        resident=None,
        invited_by=editor,
    )
    user = accept_invitation(
        invitation=open_invitation_for(token), user=None, name="Nina", password="x-Geheim-123"
    )
    assert Membership.objects.get(user=user).role == Role.ADMIN
    client.force_login(user)
    collective = invitation.collective
    body = client.get(reverse("communities:overview", args=[collective.slug])).content.decode()
    assert "Eerste stappen" in body and "0 van de 5" in body
    assert reverse("assets:conversation", args=[collective.slug]) in body
    # Real data ticks steps off.
    collective.is_public = True
    collective.save()
    resident = factories.ResidentFactory(collective=collective)
    from kring.people.models import Conversation

    Conversation.objects.create(
        collective=collective, resident=resident, held_on="2026-12-01", method="persoonlijk"
    )
    body = client.get(reverse("communities:overview", args=[collective.slug])).content.decode()
    assert "2 van de 5" in body


def test_erasing_the_contact_wipes_name_and_address(client, municipality, editor):
    request = JoinRequest.objects.create(
        name="Wis mij",
        legal_form="informeel",
        municipality=municipality,
        contact_name="Wim Wis",
        contact_email="wim@example.org",
        description="x",
        terms_text="t",
        status=RequestStatus.WAITING,
    )
    client.force_login(editor)
    client.post(reverse("joining:erase_contact", args=[request.pk]))
    request.refresh_from_db()
    assert request.contact_name == "" and request.contact_email == ""


def test_retention_wipes_old_contacts_through_the_privacy_run(municipality, settings):
    from kring.privacy.retention import apply_retention

    JoinRequest.objects.create(
        name="Lang geleden",
        legal_form="informeel",
        municipality=municipality,
        contact_name="Oud Contact",
        contact_email="oud@example.org",
        description="x",
        terms_text="t",
        status=RequestStatus.UNCONFIRMED,
    )
    settings.KRING_RETENTION_JOIN_REQUEST_DAYS = -1
    dry = apply_retention(dry_run=True)
    assert (
        "contact details of declined or unconfirmed sign-ups wiped",
        1,
        "-1 days",
    ) in dry.lines()
    assert JoinRequest.objects.get().contact_email == "oud@example.org"
    apply_retention()
    assert JoinRequest.objects.get().contact_email == ""

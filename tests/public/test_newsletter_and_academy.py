from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from kring.public.models import Newsletter, Registration, Subscriber
from kring.public.services.academy import cancel_token
from kring.public.services.newsletter import save_newsletter, unsubscribe_token
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Mails go out after the transaction commits; run those callbacks in the test."""
    return django_capture_on_commit_callbacks


def confirm_link(message):
    return "/newsletter/" + message.body.split("/newsletter/", 1)[1].split()[0]


def test_signup_stores_consent_proof_and_sends_nothing_else_until_confirmed(client, on_commit):
    with on_commit(execute=True):
        response = client.post(
            reverse("public:newsletter"), {"email": "Lezer@Example.org", "consent": "on"}
        )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lezer@example.org" and subscriber.status == "wacht"
    assert "Ik kan mij altijd afmelden" in subscriber.consent_text
    assert len(subscriber.consent_ip_hash) == 32 and "127.0.0.1" not in subscriber.consent_ip_hash
    assert len(mail.outbox) == 1
    link = confirm_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # only a button: scanners do not confirm
    assert Subscriber.objects.get().status == "wacht"
    client.post(link)
    assert Subscriber.objects.get().status == "bevestigd"


def test_signup_without_consent_keeps_what_was_typed(client):
    response = client.post(reverse("public:newsletter"), {"email": "lezer@example.org"})
    assert response.status_code == 400
    assert 'value="lezer@example.org"' in response.content.decode()
    assert not Subscriber.objects.exists()


def test_confirmation_link_expires(client, settings, on_commit):
    from django.core import signing

    settings.KRING_NEWSLETTER_CONFIRM_DAYS = 7
    with on_commit(execute=True):
        client.post(reverse("public:newsletter"), {"email": "laat@example.org", "consent": "on"})
    link = confirm_link(mail.outbox[0])
    real_time = signing.time.time
    signing.time.time = lambda: real_time() + 8 * 86400
    try:
        assert client.post(link).status_code == 404
    finally:
        signing.time.time = real_time
    assert Subscriber.objects.get().status == "wacht"


def test_newsletter_goes_to_confirmed_only_in_batches_with_a_report(
    client, settings, editor, on_commit
):
    settings.KRING_NEWSLETTER_BATCH_SIZE = 2
    settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS = 0
    for n in range(3):
        factories.SubscriberFactory(email=f"ja{n}@example.org")
    factories.SubscriberFactory(email="nee@example.org", status="afgemeld")
    factories.SubscriberFactory(email="wacht@example.org", status="wacht")
    newsletter = save_newsletter(
        editor=editor,
        newsletter=Newsletter(
            subject="Nieuws", body='<p onclick="x()">Hallo<script>x()</script></p>'
        ),
    )
    assert newsletter.body == "<p>Hallo</p>"
    client.force_login(editor)
    send_page = client.get(reverse("editorial:newsletter_send", args=[newsletter.pk]))
    assert "Deze nieuwsbrief gaat naar 3 abonnees." in send_page.content.decode()
    with on_commit(execute=True):
        client.post(
            reverse("editorial:newsletter_send", args=[newsletter.pk]),
            {"version": newsletter.version},
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ja0@example.org",
        "ja1@example.org",
        "ja2@example.org",
    ]
    assert all("/newsletter/unsubscribe/" in m.body for m in mail.outbox)
    report = client.get(reverse("editorial:newsletter_report", args=[newsletter.pk]))
    assert report.context["counts"] == {
        "total": 3,
        "sent": 3,
        "failed": 0,
        "skipped": 0,
        "open": 0,
    }
    # Sending twice sends nothing more.
    client.post(
        reverse("editorial:newsletter_send", args=[newsletter.pk]), {"version": newsletter.version}
    )
    assert len(mail.outbox) == 3


def test_one_click_unsubscribe_by_rfc8058_post_without_csrf(editor):
    from django.test import Client

    subscriber = factories.SubscriberFactory(email="weg@example.org")
    url = reverse("public:unsubscribe", args=[unsubscribe_token(subscriber)])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "afgemeld"
    assert Client().get(url.replace("/unsubscribe/", "/unsubscribe/x")).status_code == 404


def test_only_network_editors_reach_the_editorial_pages(client, alice, editor):
    client.force_login(alice)
    assert client.get(reverse("editorial:index")).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("editorial:index")).status_code == 200


def test_waiting_list_moves_up_when_someone_cancels(client, on_commit):
    meeting = factories.MeetingFactory(capacity=1)
    url = reverse("public:meeting", args=[meeting.slug])
    with on_commit(execute=True):
        client.post(url, {"name": "Eerste", "email": "een@example.org"})
        client.post(url, {"name": "Tweede", "email": "twee@example.org"})
    first, second = Registration.objects.order_by("pk")
    assert (first.status, second.status) == ("aangemeld", "wachtlijst")
    assert mail.outbox[0].attachments[0][0] == f"{meeting.slug}.ics"
    cancel = reverse("public:registration_cancel", args=[cancel_token(first)])
    assert client.get(cancel).status_code == 200
    with on_commit(execute=True):
        client.post(cancel)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("afgemeld", "aangemeld")
    assert mail.outbox[-1].to == ["twee@example.org"]
    assert "plek vrijgekomen" in mail.outbox[-1].body


def test_meeting_calendar_file(client):
    meeting = factories.MeetingFactory(title="Gaven ontdekken", location="Buurthuis")
    response = client.get(reverse("public:meeting_calendar", args=[meeting.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Gaven ontdekken" in body


def test_past_meetings_take_no_sign_ups(client):
    meeting = factories.MeetingFactory()
    meeting.starts_at -= timedelta(days=30)
    meeting.ends_at -= timedelta(days=30)
    meeting.save()
    response = client.post(
        reverse("public:meeting", args=[meeting.slug]), {"name": "Laat", "email": "l@example.org"}
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_publication_upload_must_be_a_pdf(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    response = client.post(
        reverse("editorial:publication_new"),
        {
            "title": "Nep",
            "slug": "nep",
            "summary": "Geen PDF",
            "file": SimpleUploadedFile("nep.pdf", b"<html>nee</html>", "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "Dit is geen PDF" in response.content.decode()


def test_admin_previews_then_publishes_the_profile(client, alice, collective):
    client.force_login(alice)
    response = client.post(
        reverse("public_profile:edit", args=[collective.slug]),
        {"public_place": "Rotterdam", "public_teaser": "Samen aan de haven.", "public_themes": ""},
    )
    assert response.status_code == 302
    preview = client.get(reverse("public_profile:preview", args=[collective.slug]))
    assert "nog niet openbaar" in preview.content.decode()
    assert client.get(reverse("public:member", args=[collective.slug])).status_code == 404
    client.post(reverse("public_profile:publish", args=[collective.slug]), {"publish": "1"})
    assert client.get(reverse("public:member", args=[collective.slug])).status_code == 200


def test_only_admins_edit_the_public_profile(client, bob, collective):
    client.force_login(bob)
    assert client.get(reverse("public_profile:edit", args=[collective.slug])).status_code == 403

"""Sending the network's newsletter safely: preview, test mail, confirmation with the count,
sending once (whatever is clicked twice or run by two workers), scheduling, the archive."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kring.core import bulkmail
from kring.public.models import Delivery, Newsletter, NewsletterStatus
from kring.public.services import newsletter as service
from kring.public.tasks import send_newsletter
from tests import factories

pytestmark = pytest.mark.django_db

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def subscribers(db):
    confirmed = [factories.SubscriberFactory(email=f"lezer{n}@example.org") for n in range(3)]
    factories.SubscriberFactory(email="wacht@example.org", status="wacht")
    factories.SubscriberFactory(email="weg@example.org", status="afgemeld")
    return confirmed


@pytest.fixture
def issue(editor):
    return service.save_newsletter(
        editor=editor,
        newsletter=Newsletter(
            subject="Nieuws uit de buurten",
            body='<p>Lees <a href="/news/verkenning/">de verkenning</a>.</p><ul><li>Tilburg</li></ul>',
        ),
    )


def _send(client, issue, on_commit, **data):
    with on_commit(execute=True):
        return client.post(
            reverse("editorial:newsletter_send", args=[issue.pk]),
            {"version": issue.version, **data},
        )


def test_preview_shows_the_mail_as_it_is_sent_html_and_text(client, editor, issue, subscribers):
    client.force_login(editor)
    page = client.get(reverse("editorial:newsletter_preview", args=[issue.pk])).content.decode()
    assert "Nieuws uit de buurten" in page
    assert "3 bevestigde abonnees" in page
    # The text version: the link's address after its words, list items with a dash.
    assert "de verkenning (http://" in page and "- Tilburg" in page
    frame = client.get(reverse("editorial:newsletter_preview_mail", args=[issue.pk]))
    parts = service.mail.newsletter_parts(issue, unsubscribe="")
    assert frame.content.decode() == parts["html"]
    assert frame["X-Frame-Options"] == "SAMEORIGIN"
    assert "script-src 'none'" in frame["Content-Security-Policy"]
    # Links of the site carry the site's address in the mail.
    assert 'href="http://' in parts["html"] and 'href="/news/' not in parts["html"]
    assert not mail.outbox


def test_test_mail_goes_only_to_the_editor_with_proef_in_the_subject(
    client, editor, issue, subscribers
):
    client.force_login(editor)
    client.post(reverse("editorial:newsletter_test", args=[issue.pk]))
    assert [m.to for m in mail.outbox] == [["redactie@example.org"]]
    sent = mail.outbox[0]
    assert sent.subject == "[Proef] Nieuws uit de buurten"
    html = sent.alternatives[0][0]
    assert "Dit is een proefmail" in sent.body and "Dit is een proefmail" in html
    assert "de verkenning (http://" in sent.body
    issue.refresh_from_db()
    assert issue.status == NewsletterStatus.DRAFT


def test_confirmation_states_the_count_then_sends_once_with_a_report(
    client, editor, issue, subscribers, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    page = client.get(reverse("editorial:newsletter_send", args=[issue.pk])).content.decode()
    assert "Deze nieuwsbrief gaat naar 3 abonnees." in page
    assert not mail.outbox
    response = _send(client, issue, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [s.email for s in subscribers]
    for sent in mail.outbox:
        assert sent.subject == "Nieuws uit de buurten"
        assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/newsletter/unsubscribe/" in sent.extra_headers["List-Unsubscribe"]
        assert "/newsletter/unsubscribe/" in sent.body
    report = client.get(reverse("editorial:newsletter_report", args=[issue.pk]))
    assert report.context["counts"]["sent"] == 3 and report.context["counts"]["failed"] == 0
    issue.refresh_from_db()
    assert issue.status == NewsletterStatus.SENT and issue.sent_at


def test_a_sent_issue_is_never_sent_twice(
    client, editor, issue, subscribers, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    _send(client, issue, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    issue.refresh_from_db()
    # A second click, with the newest version even: refused by the page and the service.
    again = _send(client, issue, django_capture_on_commit_callbacks)
    assert again.status_code == 302 and again["Location"].endswith("/report/")
    with pytest.raises(service.NotDraft):
        service.start_sending(editor=editor, newsletter=issue)
    with pytest.raises(service.NotDraft):
        service.save_newsletter(editor=editor, newsletter=issue)
    assert len(mail.outbox) == 3
    assert Delivery.objects.filter(newsletter=issue).count() == 3


def test_a_second_run_of_the_task_sends_nothing(
    editor, issue, subscribers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        service.start_sending(editor=editor, newsletter=issue)
    assert len(mail.outbox) == 3
    # The worker died after its last mail and the task runs again; or a second worker runs it.
    Newsletter.objects.filter(pk=issue.pk).update(status=NewsletterStatus.SENDING)
    send_newsletter.call(newsletter_id=issue.pk)
    assert len(mail.outbox) == 3


def test_a_claimed_row_is_never_sent_again(editor, issue, subscribers):
    # Not run: the queued task waits for the commit, which this test never reaches.
    service.start_sending(editor=editor, newsletter=issue)
    first, second, third = Delivery.objects.filter(newsletter=issue).order_by("pk")
    # A worker crashed after claiming the first row; another has the second in its hands.
    assert bulkmail.claim(first)
    stale = list(Delivery.objects.filter(pk__in=[second.pk, third.pk]).order_by("pk"))
    assert bulkmail.claim(second)
    bulkmail.deliver(stale, send=lambda row: mail.send_mail("x", "x", None, [row.subscriber.email]))
    assert [m.to[0] for m in mail.outbox] == [third.subscriber.email]
    send_newsletter.call(newsletter_id=issue.pk)
    assert len(mail.outbox) == 1
    counts = bulkmail.report(issue.deliveries.all())
    assert counts["sent"] == 1 and counts["open"] == 2


def test_someone_who_unsubscribed_meanwhile_is_skipped(editor, issue, subscribers):
    service.start_sending(editor=editor, newsletter=issue)
    service.unsubscribe(subscriber=subscribers[0])
    send_newsletter.call(newsletter_id=issue.pk)
    assert sorted(m.to[0] for m in mail.outbox) == [s.email for s in subscribers[1:]]
    skipped = Delivery.objects.get(subscriber=subscribers[0])
    assert skipped.status == "overgeslagen" and skipped.skip_reason == "afgemeld"


def test_a_stale_preview_is_refused(
    client, editor, issue, subscribers, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    seen = issue.version
    issue.subject = "Nieuwe kop"
    service.save_newsletter(editor=editor, newsletter=issue, expected_version=seen)
    response = _send(
        client, Newsletter(pk=issue.pk, version=seen), django_capture_on_commit_callbacks
    )
    assert response.status_code == 400
    assert "Bekijk het" in response.content.decode()
    assert not mail.outbox
    assert Newsletter.objects.get(pk=issue.pk).status == NewsletterStatus.DRAFT


def test_nothing_to_send_without_confirmed_subscribers(client, editor, issue):
    client.force_login(editor)
    page = client.get(reverse("editorial:newsletter_send", args=[issue.pk])).content.decode()
    assert "Er zijn nog geen bevestigde abonnees" in page
    with pytest.raises(service.NothingToSend):
        service.start_sending(editor=editor, newsletter=issue)


def test_the_database_refuses_a_sent_issue_without_its_time(issue):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Newsletter.objects.filter(pk=issue.pk).update(status=NewsletterStatus.SENT)


# --- Scheduling -------------------------------------------------------------------------


def _run_worker():
    # The worker closes connections it finds in a transaction (in a running server that is a
    # stale one); here the test's own transaction holds everything, so it must stay open (on
    # PostgreSQL it would otherwise be closed under the test).
    from django_tasks_db.management.commands import db_worker

    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        call_command("db_worker", "--batch", "--no-reload", verbosity=0)


def test_scheduled_issue_waits_until_due_then_goes_once(
    client, editor, issue, subscribers, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DB_QUEUE
    client.force_login(editor)
    page = client.get(reverse("editorial:newsletter_send", args=[issue.pk])).content.decode()
    assert 'name="send_at"' in page
    when = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    local = timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")
    response = _send(client, issue, django_capture_on_commit_callbacks, when="later", send_at=local)
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == NewsletterStatus.SCHEDULED and issue.scheduled_at == when
    assert DBTaskResult.objects.get().run_after == when
    # Scheduled means fixed: the text cannot change, it cannot be sent now as well.
    with pytest.raises(service.NotDraft):
        service.save_newsletter(editor=editor, newsletter=issue)
    with pytest.raises(service.NotDraft):
        service.start_sending(editor=editor, newsletter=issue)

    _run_worker()  # before its time: the worker does not take it
    assert not mail.outbox
    send_newsletter.call(newsletter_id=issue.pk)  # run early anyway: it checks the time
    assert not mail.outbox and Newsletter.objects.get(pk=issue.pk).status == "gepland"

    later = when + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        _run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [s.email for s in subscribers]
    issue.refresh_from_db()
    assert issue.status == NewsletterStatus.SENT
    with mock.patch("django.utils.timezone.now", return_value=later):
        send_newsletter.call(newsletter_id=issue.pk)
    assert len(mail.outbox) == 3


def test_a_cancelled_schedule_sends_nothing(
    client, editor, issue, subscribers, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_QUEUE
    when = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        service.schedule_sending(editor=editor, newsletter=issue, when=when)
    client.force_login(editor)
    client.post(reverse("editorial:newsletter_cancel", args=[issue.pk]))
    issue.refresh_from_db()
    assert issue.status == NewsletterStatus.DRAFT and issue.scheduled_at is None
    with mock.patch("django.utils.timezone.now", return_value=when + datetime.timedelta(hours=1)):
        _run_worker()
    assert not mail.outbox
    assert Newsletter.objects.get(pk=issue.pk).status == NewsletterStatus.DRAFT


def test_a_schedule_must_lie_in_the_future(
    client, editor, issue, subscribers, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_QUEUE
    client.force_login(editor)
    past = timezone.localtime(timezone.now() - datetime.timedelta(hours=1))
    response = _send(
        client,
        issue,
        django_capture_on_commit_callbacks,
        when="later",
        send_at=past.strftime("%Y-%m-%dT%H:%M"),
    )
    assert response.status_code == 400
    assert "Kies een dag en tijd in de toekomst" in response.content.decode()
    assert past.strftime("%Y-%m-%dT%H:%M") in response.content.decode()  # kept what was typed
    assert Newsletter.objects.get(pk=issue.pk).status == NewsletterStatus.DRAFT


def test_without_a_worker_there_is_no_schedule_to_choose(editor, issue, subscribers):
    # The immediate backend (tests, a demo without a worker) cannot wait.
    with pytest.raises(service.CannotSchedule):
        service.schedule_sending(
            editor=editor, newsletter=issue, when=timezone.now() + datetime.timedelta(hours=1)
        )


# --- The archive ------------------------------------------------------------------------


def test_archive_shows_sent_issues_only_without_subscriber_data(
    client, editor, issue, subscribers, django_capture_on_commit_callbacks
):
    draft = service.save_newsletter(
        editor=editor, newsletter=Newsletter(subject="Nog geheim concept", body="<p>x</p>")
    )
    with django_capture_on_commit_callbacks(execute=True):
        service.start_sending(editor=editor, newsletter=issue)
    archive = client.get(reverse("public:newsletter_archive")).content.decode()
    assert "Nieuws uit de buurten" in archive and "Nog geheim concept" not in archive
    web = client.get(reverse("public:newsletter_issue", args=[issue.pk])).content.decode()
    assert "Nieuws uit de buurten" in web and "de verkenning" in web
    assert "/newsletter/unsubscribe/" not in web
    assert not any(s.email in web for s in subscribers)
    assert client.get(reverse("public:newsletter_issue", args=[draft.pk])).status_code == 404
    signup = client.get(reverse("public:newsletter")).content.decode()
    assert reverse("public:newsletter_archive") in signup and "Nieuws uit de buurten" in signup
    for name in ("public:newsletter_feed_rss", "public:newsletter_feed_atom"):
        feed = client.get(reverse(name)).content.decode()
        assert "Nieuws uit de buurten" in feed and "Nog geheim concept" not in feed
        assert issue.get_absolute_url() in feed
    sitemap = client.get(reverse("public:sitemap")).content.decode()
    assert issue.get_absolute_url() in sitemap
    assert f"/newsletter/archive/{draft.pk}/" not in sitemap
    assert re.search(r"/newsletter/archive/</loc>", sitemap)


def test_an_edit_form_opened_before_the_issue_was_scheduled_is_refused(
    client, editor, issue, subscribers, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_QUEUE
    client.force_login(editor)
    url = reverse("editorial:newsletter_edit", args=[issue.pk])
    opened = issue.version
    service.schedule_sending(
        editor=editor, newsletter=issue, when=timezone.now() + datetime.timedelta(days=1)
    )
    # The page finds it scheduled and shows the report; the service refuses the stale save too.
    response = client.post(url, {"subject": "Te laat", "body": "<p>x</p>", "version": opened})
    assert response.status_code == 302 and response["Location"].endswith("/report/")
    with pytest.raises(service.NotDraft):
        service.save_newsletter(
            editor=editor,
            newsletter=Newsletter(pk=issue.pk, subject="Te laat", body="x", version=opened),
            expected_version=opened,
        )
    assert Newsletter.objects.get(pk=issue.pk).subject == "Nieuws uit de buurten"


def test_the_mail_has_plain_spaces_so_its_lines_wrap(editor):
    # Texts saved by the editor before its fix carry &nbsp; for every space.
    old = Newsletter(subject="Oud", body="<p>Drie&nbsp;collectieven\u00a0vertellen</p>")
    parts = service.mail.newsletter_parts(old, unsubscribe="")
    assert "<p>Drie collectieven vertellen</p>" in parts["html"]
    assert "Drie collectieven vertellen" in parts["text"]


def test_the_confirmation_and_the_archive_speak_english(
    client, editor, issue, subscribers, settings, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(editor)
    page = client.get(reverse("editorial:newsletter_send", args=[issue.pk])).content.decode()
    assert "This newsletter goes to 3 subscribers." in page
    assert "Yes, send to 3 subscribers" in page
    preview = client.get(reverse("editorial:newsletter_preview", args=[issue.pk]))
    assert "Preview of the newsletter" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        service.start_sending(editor=editor, newsletter=issue)
    archive = client.get(reverse("public:newsletter_archive")).content.decode()
    assert "Newsletter archive" in archive and "Nieuws uit de buurten" in archive

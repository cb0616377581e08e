"""The academy for network editors: reminders before a meeting (due or not, once only, never
to the cancelled), the registration list with attendance, CSV and XLSX, a mail to everyone
registered, and retention of registrations."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kring.public.models import (
    MeetingMail,
    MeetingMailDelivery,
    Registration,
    RegistrationStatus,
)
from kring.public.services import academy, academy_sending
from kring.public.tasks import send_meeting_reminders_task
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def signed_up(meeting, *, days_ago=10, **kwargs) -> Registration:
    """A registration made some days ago (before the reminder moment)."""
    registration = factories.RegistrationFactory(meeting=meeting, **kwargs)
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    registration.refresh_from_db()
    return registration


def meeting_in(*, hours: float, reminder_days: int = 2, **kwargs):
    starts = timezone.now() + timedelta(hours=hours)
    return factories.MeetingFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        reminder_days=reminder_days,
        capacity=10,
        **kwargs,
    )


# --- Reminders ----------------------------------------------------------------------------


def test_a_due_reminder_goes_once_with_date_place_cancel_link_and_calendar_file():
    meeting = meeting_in(hours=30, title="Gaven ontdekken", location="Wijkcentrum De Boomtak")
    registration = signed_up(meeting, name="Fatima Bakker", email="fatima@example.org")

    result = send_meeting_reminders_task.enqueue().return_value
    assert result == {"reminders_sent": 1, "reminders_failed": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatima@example.org"]
    assert message.subject == "Herinnering: Gaven ontdekken"
    assert "Hallo Fatima Bakker," in message.body
    assert "Wijkcentrum De Boomtak" in message.body
    local = timezone.localtime(meeting.starts_at)
    assert f"{local:%H:%M}" in message.body
    assert f"/academy/cancel/{academy.cancel_token(registration)}/" in message.body
    name, content, kind = message.attachments[0]
    assert name.endswith(".ics") and kind == "text/calendar"
    assert "SUMMARY:Gaven ontdekken" in str(content)

    # A second run, a second worker, the command: nothing more.
    assert academy_sending.send_due_reminders() == {"reminders_sent": 0, "reminders_failed": 0}
    call_command("send_meeting_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    registration.refresh_from_db()
    assert registration.reminder_for == meeting.starts_at
    assert registration.reminder_sent_at is not None


def test_reminders_not_due_yet_after_the_start_or_switched_off_send_nothing():
    signed_up(meeting_in(hours=24 * 5))  # reminder in 3 days
    signed_up(meeting_in(hours=-1))  # already begun
    signed_up(meeting_in(hours=20, reminder_days=0))  # no reminder wanted
    signed_up(meeting_in(hours=20, is_published=False))  # not on the site
    assert academy_sending.send_due_reminders()["reminders_sent"] == 0
    assert mail.outbox == []


def test_cancelled_waiting_and_late_registrations_get_no_reminder():
    meeting = meeting_in(hours=20)
    signed_up(meeting, email="afgemeld@example.org", status=RegistrationStatus.CANCELLED)
    signed_up(meeting, email="wacht@example.org", status=RegistrationStatus.WAITING)
    # Signed up after the reminder moment: the confirmation just told them everything.
    signed_up(meeting, email="laat@example.org", days_ago=0)
    signed_up(meeting, email="plek@example.org")
    academy_sending.send_due_reminders()
    assert [m.to[0] for m in mail.outbox] == ["plek@example.org"]


def test_a_claimed_reminder_is_not_sent_by_a_second_worker():
    meeting = meeting_in(hours=20)
    registration = signed_up(meeting)
    due = academy_sending.due_reminders()
    assert due == [registration]
    # Another worker claims it first (between our read and our claim).
    assert academy_sending._claim_reminder(due[0], now=timezone.now())
    assert not academy_sending._claim_reminder(due[0], now=timezone.now())
    assert academy_sending.send_due_reminders()["reminders_sent"] == 0
    assert mail.outbox == []


def test_a_meeting_moved_after_the_reminder_gets_one_new_reminder_for_the_new_time():
    meeting = meeting_in(hours=20, title="Buurtkracht")
    signed_up(meeting)
    academy_sending.send_due_reminders()
    assert len(mail.outbox) == 1
    # Moved a day later: the new reminder waits for its own moment, then goes once.
    meeting.starts_at += timedelta(days=1)
    meeting.ends_at += timedelta(days=1)
    meeting.save()
    assert academy_sending.send_due_reminders()["reminders_sent"] == 1  # 44 hours before: due
    assert mail.outbox[1].subject == "Gewijzigde tijd: Buurtkracht"
    assert "is veranderd" in mail.outbox[1].body
    assert academy_sending.send_due_reminders()["reminders_sent"] == 0
    # Moved a week later: not due until two days before the new start.
    meeting.starts_at += timedelta(days=7)
    meeting.ends_at += timedelta(days=7)
    meeting.save()
    assert academy_sending.send_due_reminders()["reminders_sent"] == 0
    assert len(mail.outbox) == 2


def test_the_reminder_speaks_the_language_of_the_sign_up(client, on_commit):
    meeting = meeting_in(hours=20, title="Asset mapping")
    client.cookies["django_language"] = "en"
    with on_commit(execute=True):
        client.post(
            reverse("public:meeting", args=[meeting.slug]),
            {"name": "Sam Jones", "email": "sam@example.org"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    registration = Registration.objects.get()
    assert registration.language == "en"
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - timedelta(days=5)
    )
    mail.outbox.clear()
    academy_sending.send_due_reminders()
    assert mail.outbox[0].subject == "Reminder: Asset mapping"
    assert "Hello Sam Jones," in mail.outbox[0].body


# --- The registration list, attendance, downloads -----------------------------------------


@pytest.fixture
def listed(editor):
    meeting = factories.MeetingFactory(title="Leren van Delfshaven", capacity=5)
    one = factories.RegistrationFactory(
        meeting=meeting, name="Anna de Vries", email="anna@example.org", organisation="Dorpshuis"
    )
    two = factories.RegistrationFactory(
        meeting=meeting,
        name='=HYPERLINK("http://kwaad.example")',
        email="kwaad@example.org",
        organisation="+31 Buurtwerk",
    )
    return {"meeting": meeting, "one": one, "two": two}


def test_only_editors_see_the_list_and_its_downloads(client, alice, listed):
    meeting = listed["meeting"]
    client.force_login(alice)
    for name in (
        "meeting_registrations",
        "meeting_registrations_csv",
        "meeting_registrations_xlsx",
        "meeting_mail_new",
    ):
        assert client.get(reverse(f"editorial:{name}", args=[meeting.pk])).status_code == 403


def test_attendance_is_saved_and_shown(client, editor, listed):
    meeting, one, two = listed["meeting"], listed["one"], listed["two"]
    client.force_login(editor)
    page = client.get(reverse("editorial:meeting_registrations", args=[meeting.pk]))
    assert page.status_code == 200
    assert "Anna de Vries" in page.content.decode()
    response = client.post(
        reverse("editorial:meeting_registrations", args=[meeting.pk]),
        {"version": meeting.version, f"a{one.pk}": "ja", f"a{two.pk}": "nee"},
    )
    assert response.status_code == 302
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.attended, two.attended) == (True, False)
    page = client.get(reverse("editorial:meeting_registrations", args=[meeting.pk]))
    assert page.context["counts"]["attended"] == 1
    # A wrong choice: a Dutch error, nothing saved, never a 500.
    meeting.refresh_from_db()
    bad = client.post(
        reverse("editorial:meeting_registrations", args=[meeting.pk]),
        {"version": meeting.version, f"a{one.pk}": "misschien"},
    )
    assert bad.status_code == 400
    one.refresh_from_db()
    assert one.attended is True


def test_csv_has_the_columns_and_is_safe_against_formulas(client, editor, listed):
    Registration.objects.filter(pk=listed["one"].pk).update(attended=True)
    client.force_login(editor)
    response = client.get(
        reverse("editorial:meeting_registrations_csv", args=[listed["meeting"].pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Naam;E-mailadres;Organisatie;Status;Aangemeld op;Aanwezig"
    assert lines[1].startswith("Anna de Vries;anna@example.org;Dorpshuis;aangemeld;")
    assert lines[1].endswith(";ja")
    # Cells that would run as a formula start with an apostrophe.
    assert lines[2].startswith("\"'=HYPERLINK(")
    assert ";'+31 Buurtwerk;" in lines[2]


def test_xlsx_holds_the_same_cells(client, editor, listed):
    Registration.objects.filter(pk=listed["two"].pk).update(attended=False)
    client.force_login(editor)
    response = client.get(
        reverse("editorial:meeting_registrations_xlsx", args=[listed["meeting"].pk])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Naam", "E-mailadres", "Organisatie", "Status", "Aangemeld op", "Aanwezig"]
    assert rows[1][:4] == ["Anna de Vries", "anna@example.org", "Dorpshuis", "aangemeld"]
    assert rows[1][5] is None  # not filled in
    assert rows[2][0] == '\'=HYPERLINK("http://kwaad.example")'
    assert rows[2][2] == "'+31 Buurtwerk"
    assert rows[2][5] == "nee"
    assert sheet.cell(row=3, column=1).data_type == "s"  # text, not a formula
    created = timezone.localtime(listed["one"].created_at).strftime("%Y-%m-%d %H:%M")
    assert rows[1][4] == created


def test_the_meeting_form_takes_the_reminder_days_with_a_dutch_error_above_30(client, editor):
    meeting = factories.MeetingFactory()
    client.force_login(editor)
    url = reverse("editorial:meeting_edit", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data["starts_at"] = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M")
    data["is_published"] = "on"
    data["reminder_days"] = "45"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "hoogstens 30" in response.content.decode()
    data["reminder_days"] = "0"
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.reminder_days == 0


# --- A mail to everyone registered --------------------------------------------------------


def test_mail_to_all_registered_preview_confirm_send_once_and_report(
    client, editor, settings, on_commit
):
    settings.KRING_NEWSLETTER_BATCH_SIZE = 2
    settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS = 0
    meeting = factories.MeetingFactory(title="Samen aan tafel", capacity=2)
    for n in range(2):
        factories.RegistrationFactory(meeting=meeting, email=f"plek{n}@example.org")
    factories.RegistrationFactory(meeting=meeting, email="wacht@example.org", status="wachtlijst")
    factories.RegistrationFactory(meeting=meeting, email="weg@example.org", status="afgemeld")
    client.force_login(editor)

    empty = client.post(reverse("editorial:meeting_mail_new", args=[meeting.pk]), {"body": "x"})
    assert empty.status_code == 400 and not MeetingMail.objects.exists()
    response = client.post(
        reverse("editorial:meeting_mail_new", args=[meeting.pk]),
        {"subject": "Neem een stoel mee", "body": "Wij hebben te weinig stoelen."},
    )
    meeting_mail = MeetingMail.objects.get()
    assert response["Location"] == reverse("editorial:meeting_mail_preview", args=[meeting_mail.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "Wij hebben te weinig stoelen." in preview
    confirm = client.get(reverse("editorial:meeting_mail_send", args=[meeting_mail.pk]))
    assert "Deze mail gaat naar 3 mensen." in confirm.content.decode()
    assert not mail.outbox

    with on_commit(execute=True):
        sent = client.post(reverse("editorial:meeting_mail_send", args=[meeting_mail.pk]))
    assert sent.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "plek0@example.org",
        "plek1@example.org",
        "wacht@example.org",
    ]
    assert all(m.subject == "Neem een stoel mee" for m in mail.outbox)
    assert all("Wij hebben te weinig stoelen." in m.body for m in mail.outbox)
    assert all("/academy/cancel/" in m.body for m in mail.outbox)
    report = client.get(reverse("editorial:meeting_mail_report", args=[meeting_mail.pk]))
    assert report.context["counts"] == {
        "total": 3,
        "sent": 3,
        "failed": 0,
        "skipped": 0,
        "open": 0,
    }
    # A double click, or the task running again: nothing more.
    with on_commit(execute=True):
        client.post(reverse("editorial:meeting_mail_send", args=[meeting_mail.pk]))
    meeting_mail.refresh_from_db()
    academy_sending.deliver_meeting_mail_batch(meeting_mail=meeting_mail, limit=10)
    assert len(mail.outbox) == 3
    # A sent mail cannot be edited any more.
    edit = client.post(
        reverse("editorial:meeting_mail_edit", args=[meeting_mail.pk]),
        {"subject": "Anders", "body": "Anders", "version": meeting_mail.version},
    )
    assert edit.status_code == 302
    assert MeetingMail.objects.get().subject == "Neem een stoel mee"


def test_who_cancels_after_the_confirmation_is_skipped(editor):
    meeting = factories.MeetingFactory()
    stays = factories.RegistrationFactory(meeting=meeting)
    leaves = factories.RegistrationFactory(meeting=meeting)
    meeting_mail = academy.save_meeting_mail(
        editor=editor, meeting_mail=MeetingMail(meeting=meeting, subject="Hallo", body="Tekst")
    )
    # Queued but not yet run (tasks wait for the commit, which never comes in this test).
    assert academy.start_meeting_mail(editor=editor, meeting_mail=meeting_mail) == 2
    academy.cancel_registration(registration=leaves)
    mail.outbox.clear()
    academy_sending.deliver_meeting_mail_batch(meeting_mail=meeting_mail, limit=10)
    assert [m.to[0] for m in mail.outbox] == [stays.email]
    assert MeetingMailDelivery.objects.get(registration=leaves).status == "overgeslagen"


# --- Retention ----------------------------------------------------------------------------


def test_retention_wipes_names_of_old_meetings_and_keeps_the_counts(settings):
    from kring.privacy.retention import apply_retention

    settings.KRING_RETENTION_REGISTRATION_DAYS = 365
    long_ago = timezone.now() - timedelta(days=400)
    old = factories.MeetingFactory(starts_at=long_ago, ends_at=long_ago + timedelta(hours=2))
    gone = factories.RegistrationFactory(
        meeting=old, name="Oud Persoon", email="oud@example.org", organisation="X"
    )
    Registration.objects.filter(pk=gone.pk).update(attended=True)
    recent = factories.RegistrationFactory(name="Nieuw Persoon")

    dry = apply_retention(dry_run=True)
    assert ("names and addresses of academy registrations wiped", 1) in [
        line[:2] for line in dry.lines()
    ]
    assert Registration.objects.get(pk=gone.pk).name == "Oud Persoon"
    apply_retention()
    gone.refresh_from_db()
    assert (gone.name, gone.email, gone.organisation, gone.attended) == ("", "", "", True)
    assert Registration.objects.get(pk=recent.pk).name == "Nieuw Persoon"


@pytest.mark.django_db
def test_date_and_time_fields_open_with_their_saved_value():
    """A browser's date-and-time field reads only 2026-12-10T19:30; in the Dutch form
    (10-12-2026 19:30:00) it stayed empty, and saving an edit lost the meeting's times or an
    article's publication date."""
    from kring.public.forms import ArticleForm, MeetingForm
    from tests import factories

    when = timezone.localtime(timezone.now()).replace(second=0, microsecond=0)
    meeting = factories.MeetingFactory(starts_at=when, ends_at=when + timedelta(hours=2))
    article = factories.ArticleFactory(published_at=when)
    expected = f'value="{when:%Y-%m-%dT%H:%M}"'
    assert expected in str(MeetingForm(instance=meeting)["starts_at"])
    assert expected in str(ArticleForm(instance=article)["published_at"])

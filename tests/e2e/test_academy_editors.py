"""On a phone, a network editor opens a meeting's registrations, marks who was there with the
keyboard, downloads the list as CSV, writes a mail to everyone registered, previews it,
confirms (the page says how many get it) and sends; the worker sends it once to each. At
1280 px the list and the confirmation are looked at too. axe on every page, no sideways
scroll."""

import csv
import io

import pytest
from django.core import mail

from kring.public.models import MeetingMail, Registration
from tests import factories

from .conftest import check_accessibility, screenshot
from .test_joining_and_news import log_in, no_sideways_scroll


def check(page, label: str, shot: str | None = None) -> None:
    check_accessibility(page, label)
    no_sideways_scroll(page, label)
    if shot:
        screenshot(page, shot)


def heading(page, text: str) -> None:
    page.get_by_role("heading", level=1, name=text).wait_for()


@pytest.fixture
def academy(transactional_db):
    editor = factories.UserFactory(
        email="redactie@example.org", name="Rita Redactie", is_network_editor=True
    )
    meeting = factories.MeetingFactory(
        title="Gaven ontdekken in de wijk", location="Wijkcentrum In De Boomtak, Tilburg"
    )
    meeting.capacity = 2
    meeting.save()
    anna = factories.RegistrationFactory(
        meeting=meeting,
        name="Anna de Vries",
        email="anna@example.org",
        organisation="Delfshaven Coöperatie",
    )
    bram = factories.RegistrationFactory(
        meeting=meeting,
        name="Bram Jansen",
        email="bram@example.org",
        organisation="Dorpshuis Fort Vreeswijk",
    )
    factories.RegistrationFactory(
        meeting=meeting, name="Chris Wachter", email="chris@example.org", status="wachtlijst"
    )
    factories.RegistrationFactory(
        meeting=meeting, name="Dana Weg", email="dana@example.org", status="afgemeld"
    )
    return {"editor": editor, "meeting": meeting, "anna": anna, "bram": bram}


def test_editor_marks_attendance_downloads_csv_and_mails_everyone(live_server, phone, academy):
    page = phone
    meeting = academy["meeting"]
    log_in(page, live_server.url, "redactie@example.org")
    page.goto(live_server.url + "/editorial/")
    heading(page, "Redactie van de openbare site")
    page.get_by_role("link", name=f"Aanmeldingen {meeting.title}").click()
    heading(page, f"Aanmeldingen: {meeting.title}")
    check(page, "registration list", "academy-registrations-390")

    # Attendance with the keyboard: Space picks "ja"; an arrow key moves to "nee".
    anna = page.locator("li.registration", has_text="Anna de Vries")
    anna.get_by_role("radio", name="ja").focus()
    page.keyboard.press("Space")
    bram = page.locator("li.registration", has_text="Bram Jansen")
    bram.get_by_role("radio", name="ja").focus()
    page.keyboard.press("ArrowRight")
    assert bram.get_by_role("radio", name="nee").is_checked()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    page.get_by_text("Aanwezigheid opgeslagen (2 aangepast).").wait_for()
    heading(page, f"Aanmeldingen: {meeting.title}")
    assert Registration.objects.get(pk=academy["anna"].pk).attended is True
    assert Registration.objects.get(pk=academy["bram"].pk).attended is False
    assert (
        page.locator("li.registration", has_text="Anna de Vries")
        .get_by_role("radio", name="ja")
        .is_checked()
    )
    check(page, "registration list after saving")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    assert download.value.suggested_filename == f"aanmeldingen-{meeting.slug}.csv"
    with open(download.value.path(), encoding="utf-8-sig") as file:
        rows = list(csv.reader(io.StringIO(file.read()), delimiter=";"))
    assert rows[0] == ["Naam", "E-mailadres", "Organisatie", "Status", "Aangemeld op", "Aanwezig"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Anna de Vries"][5] == "ja"
    assert by_name["Bram Jansen"][5] == "nee"
    assert by_name["Dana Weg"][3] == "afgemeld"

    page.get_by_role("link", name="Mail aan alle aangemelden").click()
    heading(page, "Mail aan alle aangemelden")
    check(page, "mail form")
    # Sent empty: a Dutch error, nothing made.
    page.get_by_role("button", name="Verder naar het voorbeeld").click()
    page.wait_for_selector(".error-summary")
    heading(page, "Mail aan alle aangemelden")
    assert not MeetingMail.objects.exists()
    page.get_by_label("Onderwerp").fill("Neem een stoel mee")
    page.get_by_label("Tekst").fill("Wij hebben te weinig stoelen. Neemt u er een mee?")
    page.get_by_role("button", name="Verder naar het voorbeeld").click()
    heading(page, "Voorbeeld van de mail")
    assert "Wij hebben te weinig stoelen." in page.locator(".mail-preview").inner_text()
    check(page, "mail preview", "academy-mail-preview-390")
    page.get_by_role("link", name="Verder naar versturen").click()
    heading(page, "Mail versturen")
    assert "Deze mail gaat naar 3 mensen." in page.locator("main").inner_text()
    check(page, "mail confirmation", "academy-mail-confirm-390")
    assert not mail.outbox
    page.get_by_role("button", name="Ja, verstuur naar 3 mensen").click()
    heading(page, "Verzending: Neem een stoel mee")
    check(page, "mail report", "academy-mail-report-390")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org",
        "bram@example.org",
        "chris@example.org",
    ]
    assert "Verstuurd" in page.locator("main").inner_text()
    # Back to the confirmation (the browser's back button): it is sent, nothing goes again.
    page.go_back()
    page.reload()
    heading(page, "Verzending: Neem een stoel mee")
    assert len(mail.outbox) == 3


def test_registration_list_and_confirmation_at_1280(live_server, desktop, academy):
    page = desktop
    meeting = academy["meeting"]
    meeting_mail = MeetingMail.objects.create(
        meeting=meeting, subject="Praktische informatie", body="Koffie staat klaar om 9 uur."
    )
    log_in(page, live_server.url, "redactie@example.org")
    page.goto(f"{live_server.url}/editorial/meetings/{meeting.pk}/registrations/")
    heading(page, f"Aanmeldingen: {meeting.title}")
    check(page, "registration list at 1280", "academy-registrations-1280")
    page.goto(f"{live_server.url}/editorial/meeting-mails/{meeting_mail.pk}/send/")
    heading(page, "Mail versturen")
    check(page, "mail confirmation at 1280", "academy-mail-confirm-1280")


def test_editor_sets_a_reminder_and_everyone_with_a_place_gets_it_once(live_server, phone, academy):
    """The editor chooses "5 days before" on a phone; the worker's run then mails the two with
    a place (not the waiting list, not the cancelled) once, and the list shows when."""
    from django.utils import timezone

    from kring.public.services.academy_sending import send_due_reminders

    page = phone
    meeting = academy["meeting"]
    # In six days; with "5 days before" the reminder is due tomorrow (people who sign up after
    # that moment get none: their confirmation just told them the same).
    meeting.starts_at = timezone.now() + timezone.timedelta(days=6)
    meeting.ends_at = meeting.starts_at + timezone.timedelta(hours=3)
    meeting.reminder_days = 0
    meeting.save()
    starts = meeting.starts_at
    log_in(page, live_server.url, "redactie@example.org")
    page.goto(live_server.url + f"/editorial/meetings/{meeting.pk}/registrations/")
    heading(page, f"Aanmeldingen: {meeting.title}")
    page.get_by_role("link", name="aanpassen").click()
    heading(page, "Bijeenkomst bewerken")
    field = page.get_by_label("herinnering", exact=False)
    field.fill("31")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector(".error-summary")
    assert page.get_by_label("herinnering", exact=False).input_value() == "31"
    check(page, "meeting form with an error")
    page.get_by_label("herinnering", exact=False).fill("5")
    page.get_by_role("button", name="Opslaan").click()
    heading(page, "Redactie van de openbare site")
    meeting.refresh_from_db()
    assert meeting.reminder_days == 5 and meeting.starts_at.date() == starts.date()
    mail.outbox.clear()

    tomorrow = timezone.now() + timezone.timedelta(days=1, hours=1)
    send_due_reminders()  # not yet due today
    assert mail.outbox == []
    send_due_reminders(now=tomorrow)
    send_due_reminders(now=tomorrow)  # a second run (or worker) sends nothing more
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bram@example.org"]
    reminder = mail.outbox[0]
    assert meeting.title in reminder.subject + reminder.body
    assert any(name.endswith(".ics") for name, *_ in reminder.attachments)

    page.goto(live_server.url + f"/editorial/meetings/{meeting.pk}/registrations/")
    heading(page, f"Aanmeldingen: {meeting.title}")
    assert "5 dagen van tevoren, per e-mail" in page.content()
    assert (
        page.locator("li.registration", has_text="Anna de Vries")
        .get_by_text("herinnering verstuurd op", exact=False)
        .is_visible()
    )
    check(page, "registration list after the reminders", "academy-reminders-390")

"""On a phone: a network editor writes an issue of the newsletter, looks at the preview (the
mail's HTML and its text version), mails a test to themself, reads on the confirmation page
how many subscribers will get it, sends; the background worker sends it and the report shows
it; the public archive shows the issue. axe on every page, and no page wider than the phone.
Screenshots of the preview, the confirmation and the archive at 390 and 1280 px."""

import pytest
from django.core import mail
from django.core.management import call_command

from kring.public.models import Newsletter
from tests import factories

from .conftest import check_accessibility, screenshot
from .test_joining_and_news import log_in, no_sideways_scroll

SUBJECT = "Nieuws uit de buurten: december"


def text_of(locator) -> str:
    # The rich-text editor may type a space as a non-breaking one.
    return locator.inner_text().replace("\xa0", " ")


def check(page, label: str, shot: str | None = None) -> None:
    check_accessibility(page, label)
    no_sideways_scroll(page, label)
    if shot:
        screenshot(page, shot)


@pytest.fixture
def editor(transactional_db, settings):
    # Sending goes through the database queue and the worker, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KRING_NEWSLETTER_BATCH_PAUSE_SECONDS = 0
    for n in range(2):
        factories.SubscriberFactory(email=f"lezer{n}@example.org")
    factories.SubscriberFactory(email="nog-niet@example.org", status="wacht")
    return factories.UserFactory(
        email="redactie@example.org", name="Rita Redactie", is_network_editor=True
    )


def test_editor_previews_tests_confirms_and_sends_then_the_archive_shows_it(
    live_server, phone, desktop, editor
):
    page = phone
    log_in(page, live_server.url, editor.email)
    page.goto(live_server.url + "/editorial/newsletters/new/")
    page.get_by_role("heading", name="Nieuwe nieuwsbrief").wait_for()
    page.get_by_label("Onderwerp").fill(SUBJECT)
    page.locator(".ql-editor").click()
    page.keyboard.type("Drie collectieven vertellen wat zij dit jaar samen deden.")
    page.get_by_role("button", name="Opslaan").click()

    # The preview: the mail's HTML in a frame and its text version.
    page.get_by_role("heading", name="Voorbeeld van de nieuwsbrief").wait_for()
    frame = page.frame_locator("iframe.mail-frame")
    frame.get_by_role("heading", name=SUBJECT).wait_for()
    assert "Drie collectieven vertellen" in text_of(frame.locator("body"))
    # Spaces are stored as spaces (not &nbsp;), so the mail's lines wrap on a phone.
    body = Newsletter.objects.get(subject=SUBJECT).body
    assert "&nbsp;" not in body and "\xa0" not in body
    mail_frame = next(f for f in page.frames if f.url.endswith("/preview/mail.html"))
    assert mail_frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    text = text_of(page.locator("pre.mail-text"))
    assert SUBJECT in text and "Drie collectieven vertellen" in text
    # Chromium paints a frame only once it has been on screen.
    page.locator("iframe.mail-frame").scroll_into_view_if_needed()
    check(page, "newsletter preview", "newsletter-preview-390")

    page.get_by_role("button", name="Proefmail naar mijzelf").click()
    page.get_by_text("De proefmail is verstuurd naar redactie@example.org").wait_for()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["redactie@example.org"], f"[Proef] {SUBJECT}")
    ]

    page.get_by_role("link", name="Verder naar versturen").click()
    page.get_by_role("heading", name="Nieuwsbrief versturen").wait_for()
    assert "Deze nieuwsbrief gaat naar 2 abonnees." in page.locator("main").inner_text()
    check(page, "newsletter confirmation", "newsletter-confirm-390")
    desktop_page = desktop
    log_in(desktop_page, live_server.url, editor.email)
    issue = Newsletter.objects.get(subject=SUBJECT)
    desktop_page.goto(f"{live_server.url}/editorial/newsletters/{issue.pk}/preview/")
    desktop_page.get_by_role("heading", name="Voorbeeld van de nieuwsbrief").wait_for()
    desktop_page.frame_locator("iframe.mail-frame").get_by_role("heading", name=SUBJECT).wait_for()
    check(desktop_page, "newsletter preview (desktop)", "newsletter-preview-1280")
    desktop_page.goto(f"{live_server.url}/editorial/newsletters/{issue.pk}/send/")
    desktop_page.get_by_role("heading", name="Nieuwsbrief versturen").wait_for()
    check(desktop_page, "newsletter confirmation (desktop)", "newsletter-confirm-1280")

    page.get_by_role("button", name="Ja, verstuur naar 2 abonnees").click()
    page.get_by_role("heading", name=f"Verzending: {SUBJECT}").wait_for()
    assert "De nieuwsbrief gaat naar 2 abonnees" in page.locator("main").inner_text()
    check(page, "newsletter report while waiting")
    assert len(mail.outbox) == 1  # only the test mail: the worker has not run yet

    call_command("db_worker", "--batch", "--no-reload", verbosity=0)
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["lezer0@example.org", "lezer1@example.org"]
    page.reload()
    page.get_by_role("heading", name=f"Verzending: {SUBJECT}").wait_for()
    assert page.locator(".count-sent").inner_text() == "2"
    assert page.locator(".count-failed").inner_text() == "0"
    check(page, "newsletter report", "newsletter-report-390")

    # The public archive, reached from the sign-up page.
    page.goto(live_server.url + "/newsletter/")
    page.get_by_role("link", name="Alle nieuwsbrieven in het archief").click()
    page.get_by_role("heading", name="Archief van de nieuwsbrief").wait_for()
    check(page, "newsletter archive", "newsletter-archive-390")
    page.get_by_role("link", name=SUBJECT).click()
    page.get_by_role("heading", name=SUBJECT, exact=True).wait_for()
    assert "Drie collectieven vertellen" in text_of(page.locator("main"))
    assert "/newsletter/unsubscribe/" not in page.content()
    check(page, "newsletter web version", "newsletter-issue-390")
    desktop_page.goto(live_server.url + "/newsletter/archive/")
    desktop_page.get_by_role("heading", name="Archief van de nieuwsbrief").wait_for()
    check(desktop_page, "newsletter archive (desktop)", "newsletter-archive-1280")

"""An editor puts a picture in a news item with the editor's picture button, under the real
Content-Security-Policy (no bypass), and deletes an item after the confirmation page."""

import io

import pytest
from PIL import Image

from kring.public.models import Article
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def editor(transactional_db):
    return factories.UserFactory(
        email="redactie@example.org", name="Rita Redactie", is_network_editor=True
    )


def log_in(page, url):
    page.goto(url + "/login/")
    page.get_by_label("E-mailadres").fill("redactie@example.org")
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(out, "PNG")
    return out.getvalue()


def test_picture_button_uploads_under_the_csp(live_server, browser, editor):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, live_server.url)
    page.goto(live_server.url + "/editorial/articles/new/")
    page.get_by_label("Titel").fill("Feest in de buurt")
    page.locator("input[name=slug]").fill("feest-in-de-buurt")
    page.locator("input[name=summary]").fill("Een middag samen.")
    page.locator(".ql-editor").click()
    page.keyboard.type("Kijk maar: ")
    page.once("dialog", lambda dialog: dialog.accept("Kinderen bij de kraam"))
    with page.expect_file_chooser() as chooser:
        page.locator("button.ql-image").click()
    chooser.value.set_files(files=[{"name": "feest.png", "mimeType": "image/png", "buffer": png()}])
    page.locator(".ql-editor img").wait_for(state="attached")
    screenshot(page, "editorial-picture-in-text")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    body = Article.objects.get(slug="feest-in-de-buurt").body
    assert '<img src="/media/public/editor/' in body
    assert 'alt="Kinderen bij de kraam"' in body
    assert not violations, violations
    context.close()


def test_delete_confirmation_and_images_page_pass_axe(live_server, phone, editor):
    article = factories.ArticleFactory(title="Oud bericht")
    page = phone
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/editorial/articles/{article.pk}/")
    page.get_by_role("link", name="Verwijderen").click()
    page.wait_for_load_state()
    check_accessibility(page, "delete confirmation")
    screenshot(page, "editorial-delete-phone")
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.wait_for_load_state()
    assert not Article.objects.filter(pk=article.pk).exists()
    page.goto(live_server.url + "/editorial/images/")
    check_accessibility(page, "editor images")

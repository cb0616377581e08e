"""The network's public site on a phone: a visitor subscribes to the newsletter with double
opt-in, receives a newsletter and leaves with its one-click link; and a visitor walks home →
news item → publication download → member card → member profile → map. axe on every page."""

import re

import pytest
from django.core import mail

from kring.public.models import Newsletter, Subscriber
from kring.public.services.newsletter import start_sending
from tests import factories

from .conftest import check_accessibility, screenshot


@pytest.fixture
def site(transactional_db, settings):
    # No network in tests: the map shows its markers without tiles.
    settings.KRING_MAP_TILES_URL = ""
    municipality = factories.MunicipalityFactory(
        code="GM0344", name="Utrecht", latitude=52.09, longitude=5.12
    )
    member = factories.CollectiveFactory(
        name="Dorpshuis Fort Vreeswijk",
        slug="fort-vreeswijk",
        municipality=municipality,
        public_place="Nieuwegein",
        public_province="utrecht",
        public_teaser="In een oud fort doen bewoners samen het dagelijks beheer van het dorpshuis.",
        public_description="Bewoners runnen het dorpshuis. Iedereen is welkom.",
        public_themes="buurtaanpak, ontmoeting",
        is_public=True,
    )
    factories.ResidentFactory(collective=member, name="Quirina Verborgen")
    theme = factories.ThemeFactory(name="buurtaanpak", slug="buurtaanpak")
    publication = factories.PublicationFactory(
        title="ABCD naar veerkrachtige gemeenschappen", slug="abcd-veerkrachtig"
    )
    article = factories.ArticleFactory(
        title="Verkenning: wat levert investeren in gemeenschappen op?",
        slug="verkenning",
        body="<p>Hoe kunnen gemeenten bijdragen aan veerkrachtige gemeenschappen?</p>",
    )
    article.themes.add(theme)
    article.publications.add(publication)
    return {"member": member, "article": article}


def test_subscribe_confirm_receive_and_unsubscribe(live_server, phone, site):
    page = phone
    page.goto(live_server.url + "/newsletter/")
    check_accessibility(page, "newsletter")
    page.get_by_role("button", name="Aanmelden").click()  # nothing filled in: errors, no loss
    page.get_by_text("Zet een vinkje").first.wait_for()
    check_accessibility(page, "newsletter errors")
    page.get_by_label("Uw e-mailadres").fill("lezer@example.org")
    page.get_by_label(re.compile("Ja, stuur mij de nieuwsbrief")).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_role("heading", name="Kijk in uw mail").wait_for()
    check_accessibility(page, "check your mail")

    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/newsletter/confirm/\S+/", mail.outbox[0].body).group(0)
    # The mail links to the configured site address; the test server runs elsewhere.
    page.goto(live_server.url + "/newsletter/" + link.split("/newsletter/", 1)[1])
    check_accessibility(page, "confirm")
    page.get_by_role("button", name="Ja, ik wil de nieuwsbrief").click()
    page.get_by_role("heading", name=re.compile("U krijgt de nieuwsbrief")).wait_for()
    check_accessibility(page, "confirmed")
    screenshot(page, "public-newsletter-confirmed")
    subscriber = Subscriber.objects.get(email="lezer@example.org")
    assert subscriber.status == "bevestigd" and subscriber.consent_text.startswith("Ja, stuur")

    # An editor sends a newsletter; it goes to confirmed subscribers only.
    factories.SubscriberFactory(email="wacht@example.org", status="wacht", confirmed_at=None)
    editor = factories.UserFactory(email="redactie@example.org", is_network_editor=True)
    newsletter = Newsletter.objects.create(
        subject="Nieuws uit de kring", body="<p>Welkom bij de nieuwsbrief.</p>", created_by=editor
    )
    mail.outbox.clear()
    assert start_sending(editor=editor, newsletter=newsletter) == 1
    assert [m.to for m in mail.outbox] == [["lezer@example.org"]]
    sent = mail.outbox[0]
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"http\S+/newsletter/unsubscribe/\S+/", sent.body).group(0)
    page.goto(live_server.url + "/newsletter/" + unsubscribe.split("/newsletter/", 1)[1])
    check_accessibility(page, "unsubscribe")
    page.get_by_role("button", name="Meld mij af").click()
    page.get_by_role("heading", name="U bent afgemeld").wait_for()
    check_accessibility(page, "unsubscribed")
    subscriber.refresh_from_db()
    assert subscriber.status == "afgemeld"


def test_walk_home_news_publication_member_profile_map(live_server, phone, site):
    page = phone
    page.goto(live_server.url + "/")
    page.get_by_role("heading", name="Bewoners maken de buurt").wait_for()
    assert page.get_by_role("link", name="Inloggen").first.is_visible()
    check_accessibility(page, "public home")
    screenshot(page, "public-home-phone")

    page.get_by_role("link", name="Verkenning: wat levert investeren").first.click()
    page.get_by_role("heading", name=re.compile("^Verkenning")).wait_for()
    check_accessibility(page, "article")
    screenshot(page, "public-article-phone")

    page.get_by_role("link", name="ABCD naar veerkrachtige gemeenschappen").click()
    page.get_by_role("heading", name="ABCD naar veerkrachtige gemeenschappen").wait_for()
    check_accessibility(page, "publication")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download de PDF")).click()
    download = download_info.value
    assert download.suggested_filename == "abcd-veerkrachtig.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # "Meer van onze leden" under the publication: the member card.
    card_link = page.get_by_role("link", name=re.compile("Lees meer over Dorpshuis Fort Vreeswijk"))
    card_link.click()
    page.get_by_role("heading", name="Dorpshuis Fort Vreeswijk", level=1).wait_for()
    assert "Quirina" not in page.content()
    check_accessibility(page, "member profile")
    screenshot(page, "public-member-phone")

    page.get_by_role("link", name="Bekijk alle leden op de kaart").click()
    page.get_by_role("heading", name="Leden op de kaart").wait_for()
    page.locator(".leaflet-marker-icon").first.wait_for()
    check_accessibility(page, "map")
    screenshot(page, "public-map-phone")
    page.get_by_role("link", name="Dorpshuis Fort Vreeswijk").first.wait_for()


def test_member_directory_pages_on_a_phone(live_server, phone, municipality):
    from kring.public.views import MEMBERS_PER_PAGE

    for n in range(MEMBERS_PER_PAGE + 3):
        factories.CollectiveFactory(
            name=f"Bewonerscollectief {n:02d}",
            municipality=municipality,
            public_place="Utrecht",
            public_province="utrecht",
            public_teaser="Bewoners runnen samen het buurthuis.",
            is_public=True,
        )
    page = phone
    page.goto(live_server.url + "/members/")
    assert page.locator("li.member-card").count() == MEMBERS_PER_PAGE
    check_accessibility(page, "ledenlijst, pagina 1")
    screenshot(page, "public-members-page-1")
    page.get_by_role("link", name="Volgende").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("li.member-card").count() == 3
    assert page.get_by_role("heading", name="Bewonerscollectief 32").is_visible()
    check_accessibility(page, "ledenlijst, pagina 2")
    screenshot(page, "public-members-page-2")

import pytest
from django.urls import reverse

from kring.public.models import Article
from kring.public.views import MEMBERS_PER_PAGE
from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_home_is_the_public_site_with_log_in_link(client, news, public_collective):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bewoners maken de buurt" in body
    assert reverse("login") in body
    assert public_collective.name in body
    assert news["article"].title in body


def test_logged_in_users_keep_their_own_home(client, alice):
    client.force_login(alice)
    response = client.get("/")
    assert response.status_code == 302


def test_member_directory_filters_and_search(client, public_collective, other_collective):
    other_collective.public_place = "Tilburg"
    other_collective.public_teaser = "Bewoners kochten samen hun wijkcentrum."
    other_collective.public_themes = "zorg"
    other_collective.public_province = "noord-brabant"
    other_collective.is_public = True
    other_collective.save()
    url = reverse("public:members")
    assert public_collective.name in client.get(url).content.decode()
    by_province = client.get(url, {"province": "noord-brabant"}).content.decode()
    assert other_collective.name in by_province and public_collective.name not in by_province
    by_theme = client.get(url, {"theme": "energie"}).content.decode()
    assert public_collective.name in by_theme and other_collective.name not in by_theme
    by_word = client.get(url, {"q": "wijkcentrum kochten"}).content.decode()
    assert other_collective.name in by_word and public_collective.name not in by_word
    by_gemeente = client.get(url, {"municipality": "GM0599"}).content.decode()
    assert public_collective.name in by_gemeente


def test_unpublished_collectives_are_not_in_the_directory(client, public_collective):
    public_collective.is_public = False
    public_collective.save()
    assert public_collective.name not in client.get(reverse("public:members")).content.decode()
    assert client.get(reverse("public:member", args=[public_collective.slug])).status_code == 404


def test_member_profile_and_map_points(client, public_collective):
    page = client.get(reverse("public:member", args=[public_collective.slug]))
    assert "Wij beginnen bij wat er al is." in page.content.decode()
    response = client.get(reverse("public:map"))
    points = response.context["points"]
    assert points == [
        {
            "name": public_collective.name,
            "slug": public_collective.slug,
            "place": "Rotterdam",
            "teaser": public_collective.public_teaser,
            "lat": 51.91,
            "lon": 4.46,
        }
    ]
    # The list alternative shows the same members without JavaScript.
    assert (
        f'href="{reverse("public:member", args=[public_collective.slug])}"'
        in response.content.decode()
    )


def test_map_tile_host_is_allowed_in_img_src_only(client, public_collective):
    policy = client.get(reverse("public:map"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "https://service.pdok.nl" in directives["img-src"]
    assert "pdok" not in directives["script-src"] and "pdok" not in directives["connect-src"]


def test_article_page_has_download_members_related_and_open_graph(client, news, settings):
    settings.KRING_NETWORK_EMAIL = "nieuwsbrief@lsabewoners.nl"
    body = client.get(news["article"].get_absolute_url()).content.decode()
    assert reverse("public:publication", args=["abcd-veerkrachtig"]) in body
    assert "Meer van onze leden" in body
    assert news["other"].title in body  # related by theme
    assert '<meta property="og:title" content="Verkenning: wat levert investeren' in body
    assert "Lukt aanmelden hier niet?" in body


def test_drafts_are_not_public(client, news):
    assert client.get(news["draft"].get_absolute_url()).status_code == 404
    assert news["draft"].title not in client.get(reverse("public:news")).content.decode()


def test_publication_is_downloaded_as_attachment(client, news):
    response = client.get(reverse("public:publication_download", args=["abcd-veerkrachtig"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_feeds_and_sitemap(client, news, public_collective):
    atom = client.get(reverse("public:feed_atom")).content.decode()
    assert news["article"].title in atom and news["draft"].title not in atom
    rss = client.get(reverse("public:feed_rss"))
    assert rss["Content-Type"].startswith("application/rss+xml")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert news["article"].get_absolute_url() in sitemap
    assert reverse("public:member", args=[public_collective.slug]) in sitemap
    assert "/concept/" not in sitemap


def test_news_filters_by_theme(client, news):
    Article.objects.filter(pk=news["other"].pk).update(title="Zonder thema")
    news["other"].themes.clear()
    body = client.get(reverse("public:news"), {"thema": "buurtaanpak"}).content.decode()
    assert news["article"].title in body and "Zonder thema" not in body


def test_signup_box_says_how_else_to_subscribe_when_switched_off(client, settings, news):
    settings.KRING_NEWSLETTER_SIGNUP = False
    settings.KRING_NETWORK_EMAIL = "nieuwsbrief@lsabewoners.nl"
    for url in ["/", reverse("public:newsletter"), news["article"].get_absolute_url()]:
        body = client.get(url).content.decode()
        assert '<form method="post" action="/newsletter/"' not in body
        assert f"mailto:{settings.KRING_NETWORK_EMAIL}" in body, url


def test_demo_content_is_rerunnable_and_has_a_real_pdf(client):
    from kring.public.demo import load_public_demo
    from kring.public.models import Meeting, Picture, Publication

    load_public_demo()
    load_public_demo()
    publication = Publication.objects.get()
    assert Meeting.objects.count() == 2 and Picture.objects.count() == 3
    assert Article.objects.published().count() == 3
    response = client.get(reverse("public:publication_download", args=[publication.slug]))
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "demo" in text.lower() and "veerkrachtige" in text


def test_member_directory_is_paginated_and_keeps_the_filter(client, municipality):
    for n in range(MEMBERS_PER_PAGE + 5):
        factories.CollectiveFactory(
            name=f"Lid {n:02d}",
            municipality=municipality,
            is_public=True,
            public_province="utrecht",
            public_teaser="Samen in de buurt.",
        )
    url = reverse("public:members")
    first = client.get(url, {"province": "utrecht"}).content.decode()
    assert first.count('<li class="member-card"') == MEMBERS_PER_PAGE
    assert f"{MEMBERS_PER_PAGE + 5} leden gevonden" in first
    assert "province=utrecht&amp;page=2" in first
    second = client.get(url, {"province": "utrecht", "page": "2"}).content.decode()
    assert second.count('<li class="member-card"') == 5
    assert "Lid 34" in second and "Lid 00" not in second
    # A page number that makes no sense shows a page, never an error.
    assert client.get(url, {"page": "vijf"}).status_code == 200

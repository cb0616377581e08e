"""Texts that Kring seeds (opgaven, themes, the self-scan, social value proxies, the academy's
pictures, the map credit) are shown in English when the interface is English, and stay Dutch
otherwise; the data migrations fill the English of existing rows without overwriting what an
admin wrote."""

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kring.core.languages import in_language, map_credit
from kring.impact.models import SocialValueProxy
from kring.initiatives.models import PublicTask
from kring.selfscan.models import Theme

from .. import factories


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_english_text_only_when_english_is_active_and_filled_in():
    with translation.override("en"):
        assert in_language("wonen", "housing") == "housing"
        assert in_language("wonen", "") == "wonen"
        assert in_language("wonen", "  ") == "wonen"
    with translation.override("nl"):
        assert in_language("wonen", "housing") == "wonen"


@pytest.mark.django_db
def test_an_opgave_is_shown_in_english_on_the_initiative_and_in_its_form(client, bob, collective):
    care = PublicTask.objects.get(name="zorg en welzijn")
    assert care.name_en == "care and well-being"
    initiative = factories.InitiativeFactory(collective=collective, title="Soep op vrijdag")
    initiative.tasks.add(care)
    client.force_login(bob)
    detail = reverse("initiatives:detail", args=[collective.slug, initiative.pk])
    listing = reverse("initiatives:list", args=[collective.slug])
    form = reverse("initiatives:edit", args=[collective.slug, initiative.pk])

    dutch = client.get(detail).content.decode()
    assert "zorg en welzijn" in dutch and "care and well-being" not in dutch

    english(client)
    for url in (detail, listing, form):
        page = client.get(url).content.decode()
        assert "care and well-being" in page, url
        assert "zorg en welzijn" not in page, url


@pytest.mark.django_db
def test_an_opgave_without_english_falls_back_to_dutch(client, bob, collective):
    own = PublicTask.objects.create(name="buurtbus", position=99)
    initiative = factories.InitiativeFactory(collective=collective)
    initiative.tasks.add(own)
    client.force_login(bob)
    english(client)
    page = client.get(reverse("initiatives:detail", args=[collective.slug, initiative.pk]))
    assert "buurtbus" in page.content.decode()


@pytest.mark.django_db
def test_the_api_keeps_the_dutch_opgaven_and_adds_the_english(collective):
    from kring.api.schemas import InitiativeOut

    initiative = factories.InitiativeFactory(collective=collective)
    initiative.tasks.add(PublicTask.objects.get(name="wonen"))
    assert InitiativeOut.resolve_tasks(initiative) == ["wonen"]
    assert InitiativeOut.resolve_tasks_en(initiative) == ["housing"]


@pytest.mark.django_db
def test_the_self_scan_asks_in_english(client, official):
    from kring.selfscan import services

    services.start_round(user=official, name="Voorjaar")
    trust = Theme.objects.get(key="vertrouwen")
    client.force_login(official)
    url = reverse("selfscan:fill", kwargs={"theme": "vertrouwen"})

    dutch = client.get(url).content.decode()
    assert trust.title in dutch and "Trust in residents" not in dutch

    page = english(client).get(url).content.decode()
    assert "<h1>Trust in residents</h1>" in page
    assert "We assume that residents know what is good for their neighbourhood." in page
    assert trust.title not in page
    assert trust.statements.first().text not in page
    index = client.get(reverse("selfscan:index")).content.decode()
    assert "Flexible money" in index and "Flexibel geld" not in index


@pytest.mark.django_db
def test_the_self_scan_tips_and_chart_in_english(official):
    from kring.selfscan import services
    from kring.selfscan.scoring import ThemeScore

    with translation.override("en"):
        score = ThemeScore(theme=Theme.objects.get(key="regels"), score=1.5, answers=3)
        assert score.suggestion.startswith("Ask residents: which rule got in your way")
        scan_round = services.start_round(user=official, name="Ronde")
        with pytest.raises(services.ScanError) as refused:
            services.submit_response(
                user=official, scan_round=scan_round, theme_list=list(Theme.objects.all())
            )
        assert "Trust in residents" in str(refused.value)


@pytest.mark.django_db
def test_the_social_values_on_the_dashboard_in_english(client, municipality, official):
    from tests.impact.world import YEAR, make_world

    make_world(municipality)
    client.force_login(official)
    url = reverse("impact:dashboard")
    dutch = client.get(url, {"year": YEAR}).content.decode()
    assert "Uur zorg en steun door bewoners (informele zorg)" in dutch

    page = english(client).get(url, {"year": YEAR}).content.decode()
    assert "Hour of care and support by residents (informal care)" in page
    assert "Uur zorg en steun door bewoners" not in page
    assert "Household helped to save energy" in page
    # The title of a source is not translated: it is the name of a publication.
    assert "De maatschappelijke waarde van mantelzorg" in page
    # The months of the charts (fixed in code, so through the catalogue).
    assert re.search(r">\s*okt\s*<", dutch) and not re.search(r">\s*okt\s*<", page)
    assert re.search(r">\s*oct\s*<", page)


@pytest.mark.django_db
def test_public_themes_and_pictures_in_english(client):
    theme = factories.ThemeFactory(name="buurtaanpak", slug="buurtaanpak", name_en="")
    theme.name_en = "neighbourhood approach"
    theme.save()
    article = factories.ArticleFactory()
    article.themes.add(theme)
    factories.PictureFactory(
        title="Wat is er al?",
        title_en="What is already there?",
        description="Leg het op tafel.",
        description_en="Put it on the table.",
        image_alt="Tekening van een kring",
        image_alt_en="Drawing of a circle",
    )
    urls = [reverse("public:news"), reverse("public:article", args=[article.slug])]
    for url in urls:
        assert "buurtaanpak" in client.get(url).content.decode()
    pictures = client.get(reverse("public:pictures")).content.decode()
    assert "Wat is er al?" in pictures and "What is already there?" not in pictures

    english(client)
    for url in urls:
        page = client.get(url).content.decode()
        assert "neighbourhood approach" in page and ">buurtaanpak<" not in page, url
    pictures = client.get(reverse("public:pictures")).content.decode()
    assert "What is already there?" in pictures and "Wat is er al?" not in pictures
    assert 'alt="Drawing of a circle"' in pictures and "Put it on the table." in pictures
    academy = client.get(reverse("public:academy")).content.decode()
    assert "What is already there?" in academy and 'alt="Drawing of a circle"' in academy


@pytest.mark.django_db
def test_the_map_credit_in_english(client, settings):
    assert settings.KRING_MAP_TILES_ATTRIBUTION == "Kaartgegevens © Kadaster"
    url = reverse("public:map")
    assert "Kaartgegevens © Kadaster" in client.get(url).content.decode()
    page = english(client).get(url).content.decode()
    assert "Map data © Kadaster" in page and "Kaartgegevens" not in page
    # Other tiles without an English credit: the configured credit, in every language.
    settings.KRING_MAP_TILES_ATTRIBUTION = "Kaart © Eigen server"
    settings.KRING_MAP_TILES_ATTRIBUTION_EN = ""
    with translation.override("en"):
        assert map_credit() == "Kaart © Eigen server"


@pytest.mark.django_db
def test_the_migrations_fill_the_english_but_keep_what_an_admin_wrote():
    tasks = importlib.import_module("kring.initiatives.migrations.0009_english_names")
    scan = importlib.import_module("kring.selfscan.migrations.0004_english_names")
    values = importlib.import_module("kring.impact.migrations.0009_english_names")
    PublicTask.objects.filter(name="wonen").update(name_en="", description_en="")
    PublicTask.objects.filter(name="jeugd").update(name_en="young people")
    Theme.objects.filter(key="luisteren").update(title_en="", intro_en="")
    Theme.objects.get(key="luisteren").statements.filter(position=2).update(text_en="")
    SocialValueProxy.objects.filter(outcome="hours").update(label_en="", unit_en="")
    SocialValueProxy.objects.filter(outcome="bridging").update(label_en="Bridging tie")

    tasks.fill_english(apps, None)
    scan.fill_english(apps, None)
    values.fill_english(apps, None)

    housing = PublicTask.objects.get(name="wonen")
    assert (housing.name_en, housing.description_en[:10]) == ("housing", "Affordable")
    assert PublicTask.objects.get(name="jeugd").name_en == "young people"
    listening = Theme.objects.get(key="luisteren")
    assert listening.title_en == "Listening to the community"
    assert listening.statements.get(position=2).text_en.startswith("Residents have their say")
    assert SocialValueProxy.objects.get(outcome="hours").label_en == "Hour of volunteer help"
    assert SocialValueProxy.objects.get(outcome="bridging").label_en == "Bridging tie"
    # Every seeded row has its English.
    assert not PublicTask.objects.filter(name_en="").exists()
    assert not Theme.objects.filter(title_en="").exists()
    assert not Theme.objects.get(key="stap-terug").statements.filter(text_en="").exists()
    assert not SocialValueProxy.objects.filter(label_en="").exists()


@pytest.mark.django_db
def test_admins_edit_both_languages(client):
    admin = factories.UserFactory(email="beheer@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    theme = Theme.objects.get(key="regels")
    page = client.get(reverse("admin:selfscan_theme_change", args=[theme.pk])).content.decode()
    assert 'name="title_en"' in page and 'name="statements-0-text_en"' in page
    proxy = SocialValueProxy.objects.get(outcome="hours")
    page = client.get(
        reverse("admin:impact_socialvalueproxy_change", args=[proxy.pk])
    ).content.decode()
    assert 'name="label_en"' in page and 'name="range_note_en"' in page
    task = PublicTask.objects.get(name="wonen")
    page = client.get(reverse("admin:initiatives_publictask_change", args=[task.pk]))
    assert 'name="name_en"' in page.content.decode()

import pytest

from tests import factories

# Names that must never show on a public page: a resident, a gift, assets and contact details.
PRIVATE = [
    "Quirina Verborgen",
    "quirina@example.nl",
    "06-11223344",
    "Stillestraat 3",
    "Accordeonles Quirina",
    "Geheime moestuinclub",
    "Openbare plek Zilverberk",
    "privé-contact@example.nl",
    "Interne beschrijving voor leden",
    "Besloten bestuursoverleg",
]


@pytest.fixture
def public_collective(collective, neighbourhood):
    """Alice's collective with a published profile and, behind it, private data."""
    collective.public_place = "Rotterdam"
    collective.public_province = "zuid-holland"
    collective.public_teaser = "Bewoners runnen samen het buurthuis aan de haven."
    collective.public_description = "Wij beginnen bij wat er al is."
    collective.public_themes = "buurtaanpak, energie"
    collective.is_public = True
    collective.contact_email = "privé-contact@example.nl"
    collective.description = "Interne beschrijving voor leden"
    collective.save()
    neighbourhood.latitude, neighbourhood.longitude = 51.91, 4.46
    neighbourhood.save()
    resident = factories.ResidentFactory(
        collective=collective,
        name="Quirina Verborgen",
        email="quirina@example.nl",
        phone="06-11223344",
        address="Stillestraat 3",
    )
    factories.ConsentFactory(resident=resident)
    factories.GiftFactory(collective=collective, resident=resident, title="Accordeonles Quirina")
    factories.AssetFactory(
        collective=collective, category="association", title="Geheime moestuinclub"
    )
    # Even an asset the collective marked 'openbaar' is not part of the public profile.
    factories.AssetFactory(
        collective=collective, title="Openbare plek Zilverberk", visibility="openbaar"
    )
    # On the public agenda: an activity in a place that is not public (its name, with her
    # address in it, stays hidden); an activity not put on the agenda does not show at all.
    initiative = factories.InitiativeFactory(collective=collective, title="Repair café")
    back_room = factories.AssetFactory(
        collective=collective, category="place", title="Achterkamer Stillestraat 3"
    )
    factories.ActivityFactory(
        initiative=initiative, title="Open repair café", place=back_room, public=True
    )
    factories.ActivityFactory(initiative=initiative, title="Besloten bestuursoverleg")
    return collective


@pytest.fixture
def editor(db):
    return factories.UserFactory(
        email="redactie@example.org", name="Rita Redactie", is_network_editor=True
    )


@pytest.fixture
def news(public_collective):
    theme = factories.ThemeFactory(name="buurtaanpak", slug="buurtaanpak")
    publication = factories.PublicationFactory(
        title="ABCD naar veerkrachtige gemeenschappen", slug="abcd-veerkrachtig"
    )
    publication.themes.add(theme)
    article = factories.ArticleFactory(
        title="Verkenning: wat levert investeren in gemeenschappen op?", slug="verkenning"
    )
    article.themes.add(theme)
    article.publications.add(publication)
    article.collectives.add(public_collective)
    other = factories.ArticleFactory(title="Buurtaanpak in Tilburg", slug="buurtaanpak-tilburg")
    other.themes.add(theme)
    draft = factories.ArticleFactory(
        title="Concept dat niemand ziet", slug="concept", published_at=None
    )
    return {"article": article, "other": other, "draft": draft, "publication": publication}

"""Pledges from residents and from organisations of the collective (a group, an institution, a
local business): the form, the service's refusals, the initiative's page and deleting."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kring.communities.access import collective_access
from kring.initiatives import services
from kring.initiatives.models import GiverKind, Pledge
from kring.privacy.models import AuditEntry
from tests import factories

BASE = "/c/havenkwartier"


@pytest.fixture
def library(collective):
    return factories.AssetFactory(
        collective=collective, category="institution", title="Bibliotheek Havenkwartier"
    )


@pytest.fixture
def fatima(collective):
    return factories.ResidentFactory(collective=collective, name="Fatima El Amrani")


def _pledge_url(initiative):
    return f"{BASE}/initiatives/{initiative.pk}/pledges/new/"


@pytest.mark.django_db
def test_an_organisation_pledges_through_the_form(client, bob, initiative, library):
    client.force_login(bob)
    response = client.post(
        _pledge_url(initiative),
        {"giver": library.pk, "kind": "geld", "amount": "500", "pledged_on": "2026-11-20"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pledge = Pledge.objects.get()
    assert pledge.giver == library and pledge.resident is None
    assert pledge.giver_kind == GiverKind.INSTITUTION
    assert pledge.recorded_by == bob
    assert AuditEntry.objects.filter(
        target_type="initiatives.pledge", target_id=str(pledge.pk)
    ).exists()
    # The form offers the collective's groups, institutions and businesses, not places.
    factories.AssetFactory(collective=library.collective, category="place", title="Het Fort")
    page = client.get(_pledge_url(initiative)).content.decode()
    assert "Wie belooft het?" in page
    assert "Bibliotheek Havenkwartier (instelling)" in page
    assert "Het Fort" not in page


@pytest.mark.django_db
def test_the_demo_builders_call_works(builder_access, initiative, collective):
    shop = factories.AssetFactory(collective=collective, category="economy", title="Bakker Bart")
    choir = factories.AssetFactory(collective=collective, category="association", title="Koor")
    pledge = services.add_pledge(
        access=builder_access,
        pledge=Pledge(
            initiative=initiative,
            giver=shop,
            kind="geld",
            amount=Decimal("500"),
            description="voor de gereedschapskist",
            pledged_on=datetime.date(2026, 3, 1),
        ),
    )
    assert pledge.pk and pledge.giver_kind == GiverKind.BUSINESS
    assert str(pledge) == "Bakker Bart: geld"
    sung = services.add_pledge(
        access=builder_access,
        pledge=Pledge(initiative=initiative, giver=choir, kind="uren", amount=Decimal("6")),
    )
    assert sung.giver_kind == GiverKind.GROUP and sung.pledged_on is not None


@pytest.mark.django_db
def test_a_giver_of_another_collective_or_category_is_refused_in_dutch(
    builder_access, initiative, collective, other_collective
):
    foreign = factories.AssetFactory(
        collective=other_collective, category="institution", title="Woningcorporatie Elders"
    )
    place = factories.AssetFactory(collective=collective, category="place", title="Het Fort")
    gift = factories.GiftFactory(collective=collective, title="fietsen repareren")
    with pytest.raises(ValidationError) as refused:
        services.add_pledge(
            access=builder_access,
            pledge=Pledge(initiative=initiative, giver=foreign, kind="uren", amount=2),
        )
    assert "hoort niet bij uw collectief" in refused.value.message_dict["giver"][0]
    for asset in (place, gift):
        with pytest.raises(ValidationError) as refused:
            services.add_pledge(
                access=builder_access,
                pledge=Pledge(initiative=initiative, giver=asset, kind="uren", amount=2),
            )
        assert (
            "Alleen een groep, een instelling of een bedrijf"
            in (refused.value.message_dict["giver"][0])
        )
    assert not Pledge.objects.exists()


@pytest.mark.django_db
def test_the_form_refuses_another_collectives_organisation(
    client, bob, initiative, other_collective
):
    foreign = factories.AssetFactory(
        collective=other_collective, category="institution", title="Woningcorporatie Elders"
    )
    client.force_login(bob)
    response = client.post(
        _pledge_url(initiative),
        {"giver": foreign.pk, "kind": "uren", "amount": "2", "pledged_on": "2026-11-20"},
    )
    assert response.status_code == 400
    assert "Woningcorporatie Elders" not in response.content.decode()
    assert not Pledge.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("both", "Kies een bewoner of een organisatie, niet allebei."),
        ("neither", "Kies wie het belooft: een bewoner of een organisatie."),
    ],
)
def test_both_or_neither_giver_is_refused_and_the_form_keeps_what_was_typed(
    client, bob, initiative, library, fatima, who, message
):
    client.force_login(bob)
    data = {
        "kind": "materiaal",
        "description": "twintig stoelen voor de zaal",
        "pledged_on": "2026-11-20",
    }
    if who == "both":
        data |= {"giver": library.pk, "resident": fatima.pk}
    response = client.post(_pledge_url(initiative), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "twintig stoelen voor de zaal" in page
    assert "2026-11-20" in page
    if who == "both":
        assert f'<option value="{library.pk}" selected>' in page
    # The error summary names the field.
    assert ("Of een organisatie: " if who == "both" else "Een bewoner: ") + message in page
    assert not Pledge.objects.exists()


@pytest.mark.django_db
def test_the_database_holds_exactly_one_giver(initiative, library, fatima):
    for who in ({}, {"giver": library, "resident": fatima}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Pledge.objects.create(
                initiative=initiative, kind="uren", amount=1, pledged_on="2026-11-20", **who
            )


@pytest.mark.django_db
def test_the_page_shows_who_gave_toward_the_money_goal(
    client, bob, mia, collective, initiative, library, fatima
):
    initiative.goal_money = 800
    initiative.save()
    access = collective_access(bob, collective.slug)
    hidden = factories.AssetFactory(
        collective=collective,
        category="economy",
        title="Stille Vennoot BV",
        visibility="buurtmakers",
    )
    for pledge in (
        Pledge(initiative=initiative, giver=library, kind="geld", amount=300),
        Pledge(initiative=initiative, giver=library, kind="geld", amount=200),
        Pledge(initiative=initiative, resident=fatima, kind="geld", amount=125),
        Pledge(initiative=initiative, giver=hidden, kind="geld", amount=50),
        Pledge(initiative=initiative, giver=library, kind="uren", amount=4),
    ):
        services.add_pledge(access=access, pledge=pledge)

    client.force_login(bob)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Geld beloofd: € 675,00 van € 800,00" in page
    assert '<progress id="progress-money" max="100" value="84">' in page
    givers = page.split("Wie gaf geld")[1].split("Wie beloofde wat")[0]
    # Most first, organisations by name with their kind, residents by name for buurtmakers.
    assert givers.index("Bibliotheek Havenkwartier") < givers.index("Fatima El Amrani")
    assert "€&nbsp;500,00" in givers and "€&nbsp;125,00" in givers
    assert "instelling" in givers and "bewoner" in givers and "Stille Vennoot BV" in givers
    pledges = page.split("Wie beloofde wat")[1]
    assert "instelling</span>: uren hulp" in pledges
    assert "bewoner</span>: geld" in pledges

    # A member sees the organisations she may see by name, and the residents only together.
    client.force_login(mia)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Bibliotheek Havenkwartier" in page
    assert "Fatima El Amrani" not in page
    assert "Stille Vennoot BV" not in page
    assert "bewoners samen" in page and "andere organisaties" in page
    assert "Wie beloofde wat" not in page


@pytest.mark.django_db
def test_an_organisation_that_pledged_is_not_deleted_with_its_pledge(
    client, bob, collective, initiative, library
):
    services.add_pledge(
        access=collective_access(bob, collective.slug),
        pledge=Pledge(initiative=initiative, giver=library, kind="geld", amount=100),
    )
    client.force_login(bob)
    response = client.post(f"{BASE}/assets/{library.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "kan niet weg" in response.content.decode()
    assert Pledge.objects.filter(giver=library).exists()
    # Deleting the whole collective still takes everything, pledges included.
    collective.delete()
    assert not Pledge.objects.exists()

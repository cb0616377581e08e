import pytest

from kring.assets import services as asset_services
from kring.assets.models import Asset, Availability, Category, GiftKind
from kring.initiatives import services as initiative_services
from kring.initiatives.models import Initiative
from kring.notices import services
from kring.notices.models import ChangedBy, Rhythm, Scope
from kring.people.models import ConsentPurpose
from tests import factories


@pytest.fixture
def builder(alice, collective, access_for):
    return access_for(alice, collective)


@pytest.fixture
def other_buurt(neighbourhood):
    return factories.NeighbourhoodFactory(
        district=neighbourhood.district, code="BU05990102", name="Dwarsstraat"
    )


@pytest.fixture
def make_resident(collective, neighbourhood, builder):
    """A resident with consent and a gift; ``rhythm`` None: no choice for notices made."""

    def make(
        name,
        gift="Fietsen repareren",
        *,
        rhythm=Rhythm.IMMEDIATE,
        scope=Scope.BUURT,
        buurt=None,
        consent=True,
        email=True,
    ):
        person = factories.ResidentFactory(
            collective=collective,
            name=name,
            neighbourhood=buurt or neighbourhood,
            **({} if email else {"email": ""}),
        )
        purposes = [ConsentPurpose.INVENTORY] + ([ConsentPurpose.MATCHING] if consent else [])
        for purpose in purposes:
            factories.ConsentFactory(resident=person, purpose=purpose)
        if gift:
            asset_services.create_asset(
                access=builder,
                asset=Asset(
                    category=Category.GIFT,
                    resident=person,
                    gift_kind=GiftKind.HANDS,
                    title=gift,
                    availability=Availability.NOW,
                    neighbourhood=person.neighbourhood,
                ),
            )
        if rhythm:
            services.set_preference(
                resident=person, rhythm=rhythm, scope=scope, changed_by=ChangedBy.BUILDER
            )
        return person

    return make


@pytest.fixture
def initiative(collective, neighbourhood, builder):
    return initiative_services.create_initiative(
        access=builder,
        initiative=Initiative(
            title="Fietsenwerkplaats", status="loopt", neighbourhood=neighbourhood
        ),
    )


@pytest.fixture
def ask(builder, initiative, django_capture_on_commit_callbacks):
    """Add a need the way the initiative page does; the announcement runs on commit."""

    def make(text, target=None):
        with django_capture_on_commit_callbacks(execute=True):
            (need,) = initiative_services.add_needs(
                access=builder, initiative=target or initiative, question="met_hulp", texts=[text]
            )
        return need

    return make

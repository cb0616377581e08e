import pytest

from kring.communities.access import collective_access
from tests import factories


@pytest.fixture
def builder_access(bob, collective):
    return collective_access(bob, collective.slug)


@pytest.fixture
def place(collective):
    return factories.AssetFactory(
        collective=collective, category="place", title="Buurthuis De Kade"
    )


@pytest.fixture
def initiative(collective):
    return factories.InitiativeFactory(collective=collective, title="Repair café in het Fort")

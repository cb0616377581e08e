import pytest


@pytest.fixture
def builder(alice, collective, access_for):
    """The access of a buurtmaker of the collective, who adds gifts in the matching tests."""
    return access_for(alice, collective)

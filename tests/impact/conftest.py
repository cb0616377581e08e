import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Figures and suppression are cached; each test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

import pytest

from kring.api import services
from kring.api.models import Scope


@pytest.fixture
def make_token(access_for):
    """A token's secret for a member of a collective."""

    def make(user, collective, scope=Scope.READ_WRITE, days=30):
        _token, secret = services.create_token(
            access=access_for(user, collective), name="test", scope=scope, days=days
        )
        return secret

    return make


@pytest.fixture
def api_client(client):
    """The test client with a bearer token: api_client(secret).get(...)."""

    class Api:
        def __init__(self, secret):
            self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

        def __getattr__(self, method):
            call = getattr(client, method)

            def send(path, data=None, headers=None, **kwargs):
                if data is not None and method in ("post", "put", "patch"):
                    kwargs.setdefault("content_type", "application/json")
                return call(path, data, headers={**self.headers, **(headers or {})}, **kwargs)

            return send

    return Api

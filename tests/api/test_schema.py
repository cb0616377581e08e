"""Schemathesis against the API's own OpenAPI description, in-process through Django's WSGI
handler: generated valid and invalid requests (hostile text, wrong types, huge numbers, missing
fields) to every operation, with a valid read-write token so they reach the handlers. No
answer may be a 500; every answer must match the schema (status code, content type, body).

Bounded: a few examples per operation and generation mode, derandomised, so it stays fast.
``KRING_SCHEMATHESIS_EXAMPLES=200`` runs a longer hunt."""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from kring.api import services
from kring.api.api import api
from tests import factories

EXAMPLES = int(os.environ.get("KRING_SCHEMATHESIS_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


# Built once at collection, without loading the URLconf (that must wait until pytest-django
# has set up the test settings) and without a database.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.config.generation.update(
    modes=["positive", "negative"], max_examples=EXAMPLES, deterministic=True
)


@pytest.fixture(autouse=True)
def _in_process(settings):
    settings.KRING_API_RATE = 100_000
    # As Django's test client does: requests must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    cache.clear()  # the throttle's counts of these many requests must not reach other tests
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def secret(db, alice, collective, neighbourhood, access_for):
    """A read-write token of an admin, in a collective with something of everything."""
    resident = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ConsentFactory(resident=resident)
    factories.GiftFactory(collective=collective, resident=resident)
    factories.AssetFactory(collective=collective, neighbourhood=neighbourhood, title="Plein")
    initiative = factories.InitiativeFactory(collective=collective)
    factories.NeedFactory(initiative=initiative)
    collective.is_public = True
    collective.save()
    _token, secret = services.create_token(
        access=access_for(alice, collective), name="schemathesis", scope="schrijven", days=1
    )
    return secret


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_match_the_schema_and_never_500(case, secret):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {secret}"},
        checks=CHECKS,
        app=WSGIHandler(),
        base_url="http://testserver",
    )


@pytest.fixture
def municipality_secret(db, official, collective, neighbourhood):
    """A gemeente's token, with a collective that shares its figures."""
    from kring.impact.models import SharingChoice

    factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    SharingChoice.objects.create(
        collective=collective, municipality=official.municipality, groups=["deelname"]
    )
    _token, secret = services.create_municipality_token(user=official, name="s", days=1)
    return secret


@schema.include(path_regex=r"^/api/municipality/").parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_municipality_answers_match_the_schema_and_never_500(case, municipality_secret):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {municipality_secret}"},
        checks=CHECKS,
        app=WSGIHandler(),
        base_url="http://testserver",
    )

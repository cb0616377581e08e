"""Schemathesis against the API's own OpenAPI description, in-process through Django's WSGI
handler: generated valid and invalid requests (hostile text, wrong types, huge numbers, missing
fields) to every operation, with a read-write token of a seeded collective so they reach the
handlers, and with every check schemathesis has. Above all:

- no answer is a 500, and every answer matches the schema (status, content type, headers, body);
- what the schema calls valid is accepted (positive data), what it calls invalid is refused
  (negative data): the description is exactly as strict as the server;
- a request without the token, or with a method the address does not have, is refused.

References to other rows (a resident, an asset, an initiative, a buurt) are valid by the
schema when they are numbers or codes of the right shape; whether the row is the collective's
own the server checks (422 naming the field, tested in test_api.py). So that valid data has a
chance to be accepted, a valid generated reference is aimed at a row of the seeded collective
before the request is sent; an invalid one is left as generated.

Bounded: a few examples per operation and generation mode, derandomised, so it stays fast.
``KRING_SCHEMATHESIS_EXAMPLES=200`` runs a longer hunt."""

import os
import re
from types import SimpleNamespace

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import CHECKS, load_all_checks

from kring.api import formats, services
from kring.api.api import api
from kring.assets.models import Asset
from kring.core.forms import MAX_INTEGER_KEY
from tests import factories

EXAMPLES = int(os.environ.get("KRING_SCHEMATHESIS_EXAMPLES", "5"))

load_all_checks()
ALL_CHECKS = CHECKS.get_all()


class _App:
    """Django's WSGI handler, made when the first request comes (after pytest-django set up
    the test settings), not when this module is collected."""

    handler = None

    def __call__(self, environ, start_response):
        if self.handler is None:
            self.handler = WSGIHandler()
        return self.handler(environ, start_response)


# Built once at collection, without loading the URLconf and without a database.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.config.generation.update(
    modes=["positive", "negative"], max_examples=EXAMPLES, deterministic=True
)
schema.app = _App()

HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
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
def world(db, alice, collective, neighbourhood, access_for):
    """A read-write token of an admin, in a collective with something of everything."""
    resident = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ConsentFactory(resident=resident)
    other = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ConsentFactory(resident=other)
    factories.GiftFactory(collective=collective, resident=resident)
    place = factories.AssetFactory(
        collective=collective, neighbourhood=neighbourhood, title="Plein"
    )
    initiative = factories.InitiativeFactory(collective=collective)
    factories.NeedFactory(initiative=initiative)
    collective.is_public = True
    collective.save()
    _token, secret = services.create_token(
        access=access_for(alice, collective), name="schemathesis", scope="schrijven", days=1
    )
    return SimpleNamespace(
        secret=secret,
        slug=collective.slug,
        buurt=neighbourhood.code,
        resident=resident.pk,
        other=other.pk,
        asset=place.pk,
        initiative=initiative.pk,
    )


def _valid_key(value, *, text: bool = False) -> bool:
    """A valid row number: in a body JSON Schema's integer (7 and 7.0 alike), in a path or
    query the digits of one."""
    if text:
        return (
            isinstance(value, str)
            and value.isascii()
            and value.isdigit()
            and (1 <= int(value) <= MAX_INTEGER_KEY)
        )
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return False
    return value == int(value) and 1 <= value <= MAX_INTEGER_KEY


def _valid_buurt(value) -> bool:
    return isinstance(value, str) and value != "" and re.fullmatch(formats.BUURT, value)


def aim(case, world) -> None:
    """Point valid references of a generated request at the seeded collective's rows."""
    keys = {
        "resident_id": world.resident,
        "other_resident_id": world.other,
        "asset_id": world.asset,
        "initiative_id": world.initiative,
    }
    path = case.operation.path
    if isinstance(case.body, dict):
        for name, key in keys.items():
            if _valid_key(case.body.get(name)):
                case.body[name] = key
        if _valid_buurt(case.body.get("buurt")):
            case.body["buurt"] = world.buurt
        if path == "/api/assets/{pk}" and _valid_key(case.body.get("version")):
            found = Asset.objects.filter(pk=world.asset).values_list("version", flat=True)
            case.body["version"] = found.first() or case.body["version"]
    if case.query:
        if _valid_key(case.query.get("initiative_id"), text=True):
            case.query["initiative_id"] = world.initiative
        if _valid_buurt(case.query.get("buurt")):
            case.query["buurt"] = world.buurt
    rows = {
        "/api/assets/{pk}": world.asset,
        "/api/residents/{pk}": world.resident,
        "/api/initiatives/{pk}": world.initiative,
    }
    if path in rows and _valid_key((case.path_parameters or {}).get("pk"), text=True):
        case.path_parameters["pk"] = rows[path]
    slug = (case.path_parameters or {}).get("slug")
    if (
        path == "/api/directory/{slug}"
        and isinstance(slug, str)
        and re.fullmatch(formats.SLUG, slug)
    ):
        case.path_parameters["slug"] = world.slug


@schema.exclude(path_regex=r"^/api/municipality/").parametrize()
@HYPOTHESIS
def test_api_is_as_strict_as_its_description(case, world):
    aim(case, world)
    case.call_and_validate(headers={"Authorization": f"Bearer {world.secret}"}, checks=ALL_CHECKS)


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
@HYPOTHESIS
def test_municipality_api_is_as_strict_as_its_description(case, municipality_secret):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {municipality_secret}"}, checks=ALL_CHECKS
    )

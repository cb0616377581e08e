"""The HSDS 3.0 export validates against a copy of Open Referral's own JSON schemas."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kring.exports import services

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def validator(table: str) -> Draft202012Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append(
            (BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    registry = Registry().with_resources(resources)
    schema = {"$ref": BASE + f"{table}.json"}
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def errors(table: str, item: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(table).iter_errors(item)
    ]


@pytest.mark.django_db
def test_the_hsds_export_validates_against_the_hsds_3_schemas(rich, collective):
    data = json.loads(json.dumps(services.public_hsds(collective=collective)))

    assert data["hsds_version"] == "3.0"
    assert [o["name"] for o in data["organizations"]] == ["-Buurtkoor", "Basisschool De Haven"]
    assert [s["name"] for s in data["services"]] == ["-Buurtkoor", "Basisschool De Haven"]
    assert {loc["name"] for loc in data["locations"]} == {
        "Buurthuis De Gaffel (nieuw)",
        "Basisschool De Haven",
    }
    for table, key in (
        ("organization", "organizations"),
        ("service", "services"),
        ("location", "locations"),
    ):
        for item in data[key]:
            assert errors(table, item) == [], (table, item)


@pytest.mark.django_db
def test_hsds_carries_address_phone_schedule_and_accessibility(rich, collective):
    data = services.public_hsds(collective=collective)
    place = next(loc for loc in data["locations"] if loc["name"].startswith("Buurthuis"))
    assert place["addresses"][0] | {"id": None, "location_id": None} == {
        "id": None,
        "location_id": None,
        "address_1": "Gaffelstraat 10",
        "city": "Rotterdam",
        "state_province": "Zuid-Holland",
        "postal_code": "3014 AB",
        "country": "NL",
        "address_type": "physical",
    }
    assert place["phones"][0]["number"] == "010-1234567"
    assert place["schedules"][0]["description"] == "ma-vr 9-17"
    assert place["accessibility"][0]["description"] == "rolstoeltoegankelijk"
    assert (place["latitude"], place["longitude"]) == (51.918, 4.466)
    assert place["external_identifier"] == "BU05990101"
    school = next(o for o in data["organizations"] if o["name"] == "Basisschool De Haven")
    assert school["email"] == "info@dehaven.example.nl"
    assert school["phones"][0]["number"] == "010-7654321"
    service = next(s for s in data["services"] if s["organization_id"] == school["id"])
    assert service["service_at_locations"][0]["location_id"] == school["locations"][0]["id"]


@pytest.mark.django_db
def test_a_broken_item_fails_the_schema(rich, collective):
    """The validation really checks: an organisation without a name or a bad status fails."""
    data = services.public_hsds(collective=collective)
    organization = dict(data["organizations"][0])
    del organization["name"]
    assert errors("organization", organization)
    service = dict(data["services"][0], status="open")
    assert errors("service", service)
    # Nested tables are checked through the schemas' own references (phone.json, address.json).
    location = next(loc for loc in data["locations"] if loc.get("phones"))
    assert errors("location", {**location, "phones": [{"id": location["phones"][0]["id"]}]})
    assert errors("location", {**location, "addresses": [{"id": location["addresses"][0]["id"]}]})


@pytest.mark.django_db
def test_hsds_and_geojson_hold_only_public_assets(rich, collective):
    text = json.dumps(services.public_hsds(collective=collective)) + json.dumps(
        services.public_geojson(collective=collective)
    )
    for secret in (
        "Fietsen repareren",
        "Geheime gave",
        "Ria de Vries",
        "Ruilwinkel",
        "Alleen intern",
        "ria@example.nl",
    ):
        assert secret not in text

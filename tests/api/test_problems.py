"""Every error under /api/ is problem details (RFC 9457), whichever layer answers: the endpoint,
ninja, a middleware in front of the API or Django's own error handling. And the requests the
OpenAPI description's checks (tests/api/test_schema.py) found the server and the description
disagreeing on."""

import json

import pytest

from kring.api.api import api as kring_api
from kring.assets.forms import AssetForm
from kring.assets.models import Asset, Category
from tests import factories

from .test_api import assert_problem, data


@pytest.fixture
def api(alice, collective, make_token, api_client):
    return api_client(make_token(alice, collective))


def place(**fields):
    return {"category": "place", "title": "Buurthuis", **fields}


@pytest.mark.django_db
def test_each_error_status_is_problem_details(
    api, alice, collective, make_token, api_client, client, settings
):
    assert_problem(api.post("/api/assets", "{niet json", content_type="application/json"), 400)
    assert_problem(api_client(None).get("/api/assets"), 401)
    reader = api_client(make_token(alice, collective, scope="lezen"))
    assert_problem(reader.post("/api/assets", place()), 403)
    assert_problem(api.get("/api/nope"), 404)
    refused = assert_problem(api.put("/api/assets", {}), 405)
    assert "GET" in api.put("/api/assets", {})["Allow"]
    assert "PUT" in refused["detail"]
    pk = data(api.post("/api/assets", place()))["id"]
    stale = api.patch(f"/api/assets/{pk}", {"version": 1}, headers={"If-Match": '"nope"'})
    assert_problem(stale, 412)
    assert_problem(api.post("/api/assets", place(title="")), 422)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    too_large = assert_problem(api.post("/api/assets", place(description="x" * 2000)), 413)
    assert "1000" in too_large["detail"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
    assert_problem(api.post("/api/assets", json.dumps(place()), content_type="text/plain"), 415)
    assert Asset.objects.count() == 1


@pytest.mark.django_db
def test_a_body_that_is_not_sent_as_json_is_not_read(api, collective):
    """It used to be parsed all the same, past the odd-bytes check, which reads JSON only: a
    NUL reached the database."""
    body = json.dumps(place(title="Buurt\u0000huis"))
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
        assert_problem(api.post("/api/assets", body, content_type=content_type), 415)
    assert not Asset.objects.exists()


@pytest.mark.django_db
def test_errors_of_the_layers_in_front_of_the_api_are_problem_details(client, monkeypatch):
    from kring.core.middleware import DutchFirstLocaleMiddleware

    bad_host = client.get("/api/directory", headers={"Host": "elders.example"})
    body = assert_problem(bad_host, 400)
    assert body["instance"] == "/api/directory"

    def broken(self, request):
        raise RuntimeError("boom")

    monkeypatch.setattr(DutchFirstLocaleMiddleware, "process_request", broken)
    client.raise_request_exception = False
    response = client.get("/api/directory")
    assert_problem(response, 500)
    # The security headers the other layers set stay on the problem answer.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    # The web pages keep their own error page.
    assert client.get("/news/")["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_what_each_category_requires_is_in_the_description_and_checked(api, resident):
    schema = kring_api.get_openapi_schema(path_prefix="/api/")
    body = schema["paths"]["/api/assets"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["discriminator"]["propertyName"] == "category"
    components = schema["components"]["schemas"]
    required = {name: set(components[f"{name.title()}In"]["required"]) for name in Category.values}
    assert required["gift"] == {"category", "title", "resident_id", "gift_kind"}
    assert required["institution"] == {"category", "title", "institution_type"}
    assert required["story"] == {"category", "title", "description"}
    assert required["place"] == {"category", "title"}
    assert components["GiftIn"]["properties"]["visibility"]["enum"] == ["buurtmakers", "leden"]
    for text in ("", "   ", "\u3000\t"):
        refused = assert_problem(api.post("/api/assets", place(title=text)), 422)
        assert [e["field"] for e in refused["errors"]] == ["title"]
    story = {"category": "story", "title": "Het plein", "description": " "}
    assert [e["field"] for e in assert_problem(api.post("/api/assets", story), 422)["errors"]] == [
        "description"
    ]
    gift = {
        "category": "gift",
        "title": "Fietsen",
        "resident_id": resident.pk,
        "gift_kind": "handen",
    }
    assert api.post("/api/assets", {**gift, "visibility": "openbaar"}).status_code == 422
    assert api.post("/api/assets", gift).status_code == 201


@pytest.fixture
def resident(collective, neighbourhood):
    found = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ConsentFactory(resident=found)
    return found


@pytest.mark.django_db
def test_numbers_are_json_numbers(api, resident):
    """pydantic's lax mode read false as 0.0 and "7" as 7; JSON Schema calls both invalid."""
    refused = assert_problem(api.post("/api/assets", place(latitude=False, longitude=False)), 422)
    assert {e["field"] for e in refused["errors"]} == {"latitude", "longitude"}
    gift = {"category": "gift", "title": "Koken", "gift_kind": "handen"}
    assert_problem(api.post("/api/assets", {**gift, "resident_id": str(resident.pk)}), 422)
    assert_problem(api.post("/api/assets", {**gift, "resident_id": True}), 422)
    # An integer written as 7.0 is an integer in JSON Schema.
    assert api.post("/api/assets", {**gift, "resident_id": float(resident.pk)}).status_code == 201


@pytest.mark.django_db
def test_thirty_long_tags_fit_and_the_web_form_still_takes_them(api, alice, collective, access_for):
    """The description allowed 30 labels, but their text passed through a form field of 500
    characters."""
    tags = [f"{i:02d}" + "x" * 48 for i in range(30)]
    created = api.post("/api/assets", place(tags=tags))
    assert created.status_code == 201, created.content
    assert len(data(created)["tags"]) == 30
    assert_problem(api.post("/api/assets", place(tags=["x" * 51])), 422)
    asset = Asset.objects.get(pk=data(created)["id"])
    access = access_for(alice, collective)
    form = AssetForm(instance=asset, access=access, category=asset.category)
    edited = AssetForm(
        {**{n: form[n].value() or "" for n in form.fields}, "title": "Nieuw"},
        instance=asset,
        access=access,
        category=asset.category,
    )
    assert edited.is_valid(), edited.errors


@pytest.mark.django_db
def test_coordinates_come_in_pairs_and_web_addresses_have_a_scheme(api):
    refused = assert_problem(api.post("/api/assets", place(latitude=52.1)), 422)
    assert "lengtegraad" in refused["errors"][0]["message"]
    created = data(api.post("/api/assets", place(latitude=52.1, longitude=5.1)))
    alone = api.patch(f"/api/assets/{created['id']}", {"version": 1, "latitude": 52.2})
    assert_problem(alone, 422)
    both = api.patch(
        f"/api/assets/{created['id']}", {"version": 1, "latitude": None, "longitude": None}
    )
    assert data(both)["latitude"] is None
    for address in ("0", "voorbeeld", "voorbeeld.nl", "https://voorbeeld"):
        refused = assert_problem(api.post("/api/assets", place(website=address)), 422)
        assert "https://" in refused["errors"][0]["message"]
    ok = api.post("/api/assets", place(website="https://voorbeeld.nl/pad?x=1"))
    assert data(ok)["website"] == "https://voorbeeld.nl/pad?x=1"


@pytest.mark.django_db
def test_unknown_fields_are_refused(api):
    """They used to be ignored, whatever they held; a NUL in one gave a 400 the description
    did not foresee."""
    refused = assert_problem(api.post("/api/assets", place(gift_kind="hoofd")), 422)
    assert refused["errors"] == [{"field": "gift_kind", "message": "Dit veld kennen we niet."}]
    assert_problem(api.post("/api/assets", place(extra={"a": 1})), 422)


def _strings(node, found, path=""):
    if isinstance(node, dict):
        if node.get("type") == "string" and "enum" not in node and "format" not in node:
            found.append((path, node))
        for key, value in node.items():
            _strings(value, found, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _strings(value, found, f"{path}/{i}")


def test_every_text_a_client_sends_says_which_characters_it_may_hold():
    """A NUL is refused (400) before any endpoint runs: every text a client sends has a
    pattern that says so, or a stricter one."""
    schema = kring_api.get_openapi_schema(path_prefix="/api/")
    sent = [
        name
        for name in schema["components"]["schemas"]
        if name.endswith("In") or name.endswith("Patch")
    ]
    found = []
    for name in sent:
        _strings(schema["components"]["schemas"][name], found, name)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                _strings(parameter["schema"], found, f"{method} {path} {parameter['name']}")
    assert len(found) > 20
    assert [p for p, node in found if "pattern" not in node and "const" not in node] == []


def test_the_description_names_each_answer_once(client):
    """JSON with a key twice ("400" from the framework and 400 added later) is refused by YAML
    readers such as Swagger UI on /api/docs."""
    import json

    text = client.get("/api/openapi.json").content.decode()

    def no_twice(pairs):
        keys = [k for k, _v in pairs]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        return dict(pairs)

    json.loads(text, object_pairs_hook=no_twice)

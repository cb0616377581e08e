"""Every API operation that changes an existing object (PATCH or PUT) names the version it
changes: the ETag of a GET as If-Match (stale: 412) or ``version`` (stale: 409); neither: 428.
The operations are read from the OpenAPI description, so a new PATCH without a case here fails."""

import json

import pytest

from kring.api.api import api
from kring.assets.models import Asset
from tests import factories

from .test_api import assert_problem, data


def _asset(collective):
    asset = factories.AssetFactory(collective=collective, title="Koor", category="association")
    return asset, f"/api/assets/{asset.pk}", {"description": "Zingt op dinsdag"}, "description"


# path in the OpenAPI description -> makes (object, its URL, a change, the field it changes)
CASES = {"/api/assets/{pk}": _asset}


def _updates():
    schema = api.get_openapi_schema()
    return {
        (path, method)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("patch", "put")
    }


def test_every_patch_and_put_has_a_case_and_documents_412_and_428():
    updates = _updates()
    assert updates, "the API has no PATCH any more: update this test"
    assert {path for path, _method in updates} == set(CASES)
    schema = api.get_openapi_schema()
    for path, method in updates:
        responses = {
            str(code): answer for code, answer in schema["paths"][path][method]["responses"].items()
        }
        assert {"409", "412", "428"} <= set(responses), (path, method)
        assert "application/problem+json" in responses["412"]["content"]
    assert "If-Match" in schema["info"]["description"]


@pytest.mark.django_db
@pytest.mark.parametrize("path,method", sorted(_updates()))
def test_a_stale_if_match_gives_412_and_changes_nothing(
    alice, collective, make_token, api_client, path, method
):
    client = api_client(make_token(alice, collective))
    obj, url, change, name = CASES[path](collective)
    send = getattr(client, method)

    read = client.get(url)
    assert read.status_code == 200
    etag = read["ETag"]
    assert etag.startswith('"')

    # Neither If-Match nor version: refused, it could overwrite a change unseen.
    assert_problem(send(url, change), 428)

    # The first change with the ETag just read works and gives a new ETag.
    first = send(url, change, headers={"If-Match": etag})
    assert first.status_code == 200, first.content
    assert client.get(url)["ETag"] != etag

    # A second change based on the old read is refused: 412 with If-Match, 409 with version.
    before = type(obj).objects.get(pk=obj.pk)
    other = {name: "Iets anders"}
    assert_problem(send(url, other, headers={"If-Match": etag}), 412)
    body = assert_problem(send(url, {**other, "version": data(read)["version"]}), 409)
    assert body["current_version"] == before.version
    after = type(obj).objects.get(pk=obj.pk)
    assert getattr(after, name) == change[name] and after.version == before.version

    # With the ETag of now it goes through.
    fresh = client.get(url)["ETag"]
    assert send(url, other, headers={"If-Match": fresh}).status_code == 200
    assert getattr(type(obj).objects.get(pk=obj.pk), name) == "Iets anders"


@pytest.mark.django_db
def test_a_save_between_the_if_match_check_and_the_lock_is_still_a_412(
    alice, collective, make_token, api_client, monkeypatch
):
    """If-Match is compared before the row is locked; a save that slips in between is caught
    by the version the service compares under the lock, and still answers 412."""
    from kring.api.routes import assets as routes

    client = api_client(make_token(alice, collective))
    asset, url, change, _name = _asset(collective)
    etag = client.get(url)["ETag"]
    real = routes.check_if_match

    def check_then_someone_saves(request, schema, obj):
        real(request, schema, obj)
        Asset.objects.filter(pk=obj.pk).update(version=obj.version + 1, title="Gemengd koor")

    monkeypatch.setattr(routes, "check_if_match", check_then_someone_saves)
    assert_problem(client.patch(url, change, headers={"If-Match": etag}), 412)
    asset.refresh_from_db()
    assert asset.title == "Gemengd koor" and asset.description != change["description"]
    assert json.loads(client.get(url).content)["title"] == "Gemengd koor"

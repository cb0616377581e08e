"""The REST API as a client program uses it: a token of one collective, JSON in and out,
problem details when something is wrong."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kring.api.models import ApiToken, Scope
from kring.assets.models import Asset
from kring.communities.models import Membership, Role
from kring.initiatives.models import Connection
from kring.privacy.models import AuditEntry
from tests import factories

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def data(response):
    return json.loads(response.content)


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = data(response)
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    return body


@pytest.fixture
def charlie_token(charlie, other_collective, make_token):
    return make_token(charlie, other_collective)


@pytest.mark.django_db
def test_round_trip_creates_and_reads_an_asset_and_another_collective_is_refused(
    alice, collective, neighbourhood, charlie_token, make_token, api_client
):
    alice_api = api_client(make_token(alice, collective))
    created = alice_api.post(
        "/api/assets",
        {
            "category": "place",
            "title": "Buurthuis De Haven",
            "buurt": neighbourhood.code,
            "tags": ["Koffie", "vergaderen"],
            "latitude": 51.91,
            "longitude": 4.46,
        },
    )
    assert created.status_code == 201, created.content
    pk = data(created)["id"]
    asset = Asset.objects.get(pk=pk)
    assert asset.collective == collective and asset.created_by == alice
    assert asset.history.count() == 1  # the same service as the web form

    read = alice_api.get(f"/api/assets/{pk}")
    assert read.status_code == 200
    body = data(read)
    assert body["title"] == "Buurthuis De Haven"
    assert body["buurt"] == neighbourhood.code
    assert body["tags"] == ["koffie", "vergaderen"]
    assert body["version"] == 1

    charlie_api = api_client(charlie_token)
    for method in ("get", "delete"):
        assert_problem(getattr(charlie_api, method)(f"/api/assets/{pk}"), 404)
    assert_problem(charlie_api.patch(f"/api/assets/{pk}", {"version": 1, "title": "x"}), 404)
    listed = data(charlie_api.get("/api/assets"))
    assert listed["count"] == 0 and "Buurthuis" not in json.dumps(listed)
    assert Asset.objects.get(pk=pk).title == "Buurthuis De Haven"


@pytest.mark.django_db
def test_update_with_version_and_conflict(alice, collective, make_token, api_client):
    api = api_client(make_token(alice, collective))
    pk = data(api.post("/api/assets", {"category": "association", "title": "Koor"}))["id"]
    changed = api.patch(f"/api/assets/{pk}", {"version": 1, "description": "Zingt op dinsdag"})
    assert changed.status_code == 200, changed.content
    assert data(changed)["version"] == 2
    assert data(changed)["title"] == "Koor"  # fields not sent stay as they were
    stale = api.patch(f"/api/assets/{pk}", {"version": 1, "title": "Ander koor"})
    body = assert_problem(stale, 409)
    assert body["current_version"] == 2
    assert Asset.objects.get(pk=pk).title == "Koor"


@pytest.mark.django_db
def test_invalid_asset_is_a_422_with_dutch_field_errors(alice, collective, make_token, api_client):
    api = api_client(make_token(alice, collective))
    before = Asset.objects.count()
    # A gift needs a resident and head/hands/heart: the web form's rules.
    body = assert_problem(api.post("/api/assets", {"category": "gift", "title": "Fietsen"}), 422)
    fields = {e["field"] for e in body["errors"]}
    assert {"resident_id", "gift_kind"} <= fields
    assert all(e["message"] for e in body["errors"])
    body = assert_problem(api.post("/api/assets", {"category": "nope", "title": "x" * 300}), 422)
    # An unknown category chooses no fields to check: only the category is named.
    assert {e["field"] for e in body["errors"]} == {"category"}
    body = assert_problem(api.post("/api/assets", {"category": "place", "title": "x" * 300}), 422)
    assert {e["field"] for e in body["errors"]} == {"title"}
    assert "Gebruik hoogstens 200 tekens." in [e["message"] for e in body["errors"]]
    # A code that is no buurtcode at all is named at once, with the missing title.
    body = assert_problem(api.post("/api/assets", {"category": "place", "buurt": "BU0"}), 422)
    assert {e["field"] for e in body["errors"]} == {"title", "buurt"}
    body = assert_problem(
        api.post("/api/assets", {"category": "place", "title": "Plek", "buurt": "BU99999999"}),
        422,
    )
    assert [e["field"] for e in body["errors"]] == ["buurt"]
    bad_json = api.post("/api/assets", "{niet json", content_type="application/json")
    assert "JSON" in assert_problem(bad_json, 400)["detail"]
    assert Asset.objects.count() == before


@pytest.mark.django_db
def test_read_only_token_cannot_write(alice, collective, make_token, api_client):
    api = api_client(make_token(alice, collective, scope=Scope.READ))
    asset = factories.AssetFactory(collective=collective, title="Bieb")
    assert api.get("/api/assets").status_code == 200
    body = assert_problem(api.post("/api/assets", {"category": "place", "title": "Nee"}), 403)
    assert "alleen lezen" in body["detail"]
    assert_problem(api.delete(f"/api/assets/{asset.pk}"), 403)
    assert Asset.objects.filter(pk=asset.pk).exists()


@pytest.mark.django_db
def test_token_never_grants_more_than_the_current_role(
    alice, bob, collective, make_token, api_client, access_for
):
    from kring.communities import services as community_services

    api = api_client(make_token(bob, collective))
    assert api.post("/api/assets", {"category": "place", "title": "Ja"}).status_code == 201
    membership = Membership.objects.get(user=bob, collective=collective)
    community_services.change_role(
        access=access_for(alice, collective), membership=membership, role=Role.MEMBER
    )
    assert_problem(api.post("/api/assets", {"category": "place", "title": "Nee"}), 403)
    assert_problem(api.get("/api/residents"), 403)
    community_services.remove_member(access=access_for(alice, collective), membership=membership)
    assert_problem(api.get("/api/assets"), 401)


@pytest.mark.django_db
def test_revoked_expired_and_unknown_tokens_are_refused(
    alice, collective, make_token, api_client, access_for
):
    from kring.api import services

    secret = make_token(alice, collective)
    api = api_client(secret)
    assert api.get("/api/assets").status_code == 200
    token = ApiToken.objects.get(token_hash=services.hash_secret(secret))
    assert token.last_used_at is not None
    services.revoke_token(access=access_for(alice, collective), token=token)
    response = api.get("/api/assets")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")

    expired = make_token(alice, collective)
    ApiToken.objects.filter(token_hash=services.hash_secret(expired)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert_problem(api_client(expired).get("/api/assets"), 401)
    assert_problem(api_client("kring_" + "x" * 43).get("/api/assets"), 401)
    assert_problem(api_client(None).get("/api/assets"), 401)


@pytest.mark.django_db
def test_residents_only_for_builders_with_consent_and_every_read_is_logged(
    alice, mia, collective, make_token, api_client
):
    kept = factories.ResidentFactory(collective=collective, name="Fatima Kept")
    factories.ConsentFactory(resident=kept)  # inventaris
    factories.ConsentFactory(resident=kept, purpose="leden")
    without = factories.ResidentFactory(collective=collective, name="Geen Toestemming")
    factories.ConsentFactory(resident=without, purpose="leden")
    other = factories.ResidentFactory(name="Ander Collectief")
    factories.ConsentFactory(resident=other)

    lid = api_client(make_token(mia, collective, scope=Scope.READ))
    assert_problem(lid.get("/api/residents"), 403)
    assert_problem(lid.get(f"/api/residents/{kept.pk}"), 403)

    api = api_client(make_token(alice, collective, scope=Scope.READ))
    before = AuditEntry.objects.filter(action="view").count()
    listed = data(api.get("/api/residents"))
    assert [r["name"] for r in listed["results"]] == ["Fatima Kept"]
    assert listed["results"][0]["consents"] == ["inventaris", "leden"]
    assert "email" not in listed["results"][0] and kept.email not in json.dumps(listed)
    assert data(api.get(f"/api/residents/{kept.pk}"))["name"] == "Fatima Kept"
    assert_problem(api.get(f"/api/residents/{without.pk}"), 404)
    assert_problem(api.get(f"/api/residents/{other.pk}"), 404)
    logged = AuditEntry.objects.filter(action="view").order_by("id")[before:]
    assert [(e.subject_id, e.actor_id) for e in logged] == [(kept.pk, alice.pk)] * 2


@pytest.mark.django_db
def test_etag_and_if_none_match_give_304(alice, collective, make_token, api_client):
    api = api_client(make_token(alice, collective))
    pk = data(api.post("/api/assets", {"category": "place", "title": "Plein"}))["id"]
    first = api.get(f"/api/assets/{pk}")
    etag = first["ETag"]
    assert etag and first["Cache-Control"] == "private, no-cache"
    again = api.get(f"/api/assets/{pk}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    listed = api.get("/api/assets")
    assert api.get("/api/assets", headers={"If-None-Match": listed["ETag"]}).status_code == 304
    api.patch(f"/api/assets/{pk}", {"version": 1, "title": "Groot plein"})
    changed = api.get(f"/api/assets/{pk}", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db
def test_if_match_refuses_a_change_to_a_moved_object(alice, collective, make_token, api_client):
    api = api_client(make_token(alice, collective))
    pk = data(api.post("/api/assets", {"category": "place", "title": "Tuin"}))["id"]
    etag = api.get(f"/api/assets/{pk}")["ETag"]
    ok = api.patch(
        f"/api/assets/{pk}", {"version": 1, "title": "Moestuin"}, headers={"If-Match": etag}
    )
    assert ok.status_code == 200, ok.content
    assert_problem(api.delete(f"/api/assets/{pk}", headers={"If-Match": etag}), 412)
    fresh = api.get(f"/api/assets/{pk}")["ETag"]
    assert api.delete(f"/api/assets/{pk}", headers={"If-Match": fresh}).status_code == 204
    assert not Asset.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_pagination_and_filters(alice, collective, neighbourhood, make_token, api_client):
    api = api_client(make_token(alice, collective, scope=Scope.READ))
    for n in range(5):
        factories.AssetFactory(collective=collective, title=f"Plek {n}", category="place")
    tagged = factories.AssetFactory(
        collective=collective,
        category="institution",
        title="Bibliotheek",
        neighbourhood=neighbourhood,
    )
    first = data(api.get("/api/assets?limit=2"))
    assert first["count"] == 6 and len(first["results"]) == 2
    assert first["previous"] is None and "offset=2" in first["next"]
    last = data(api.get("/api/assets?limit=2&offset=4"))
    assert last["next"] is None and "offset=2" in last["previous"]
    seen = [
        a["id"]
        for offset in (0, 2, 4)
        for a in data(api.get(f"/api/assets?limit=2&offset={offset}"))["results"]
    ]
    assert len(set(seen)) == 6
    assert [a["id"] for a in data(api.get("/api/assets?category=institution"))["results"]] == [
        tagged.pk
    ]
    assert data(api.get(f"/api/assets?buurt={neighbourhood.code}"))["count"] == 1
    assert data(api.get("/api/assets?buurt=BU00000000"))["count"] == 0
    assert data(api.get("/api/assets?q=biblio"))["count"] == 1
    body = assert_problem(api.get("/api/assets?limit=1000&offset=-1"), 422)
    assert {e["field"] for e in body["errors"]} == {"limit", "offset"}


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_data(
    alice, collective, neighbourhood, make_token, api_client
):
    api = api_client(make_token(alice, collective, scope=Scope.READ))
    urls = ["/api/assets", "/api/initiatives", "/api/needs", "/api/connections", "/api/directory"]

    def add(times):
        for _ in range(times):
            resident = factories.ResidentFactory(collective=collective, neighbourhood=neighbourhood)
            factories.ConsentFactory(resident=resident)
            gift = factories.GiftFactory(collective=collective, resident=resident)
            gift.tags.create(collective=collective, name=f"label{gift.pk}")
            factories.AssetFactory(collective=collective, neighbourhood=neighbourhood)
            initiative = factories.InitiativeFactory(collective=collective)
            factories.NeedFactory(initiative=initiative)
            Connection.objects.create(
                collective=collective,
                resident=resident,
                asset=factories.AssetFactory(collective=collective),
                kind="voorgesteld",
                happened_on="2026-11-01",
            )

    def counts():
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert api.get(url).status_code == 200
            result[url] = len(queries)
        return result

    api.get("/api/needs")  # the token's first use is noted once (last_used_at)
    add(2)
    small = counts()
    add(4)
    assert counts() == small


@pytest.mark.django_db
def test_resident_reads_make_as_many_queries_with_more_residents(
    alice, collective, make_token, api_client
):
    """Every resident shown gets an audit entry, all written in one insert."""
    api = api_client(make_token(alice, collective, scope=Scope.READ))

    def add(times):
        for _ in range(times):
            factories.ConsentFactory(resident=factories.ResidentFactory(collective=collective))

    def queries(expected):
        with CaptureQueriesContext(connection) as captured:
            assert len(data(api.get("/api/residents"))["results"]) == expected
        return len(captured)

    api.get("/api/needs")  # the token's first use is noted once (last_used_at)
    add(3)
    small = queries(3)
    add(9)
    assert queries(12) == small
    assert AuditEntry.objects.filter(action="view", target_type="api.apitoken").count() == 15


@pytest.mark.django_db
def test_initiatives_needs_and_connections(alice, mia, collective, make_token, api_client):
    initiative = factories.InitiativeFactory(collective=collective, title="Samen koken")
    need = factories.NeedFactory(initiative=initiative, text="Een grote pan", question="met_hulp")
    factories.InitiativeFactory(title="Van een ander")
    lid = api_client(make_token(mia, collective, scope=Scope.READ))
    listed = data(lid.get("/api/initiatives"))
    assert [i["title"] for i in listed["results"]] == ["Samen koken"]
    detail = data(lid.get(f"/api/initiatives/{initiative.pk}"))
    assert [n["text"] for n in detail["needs"]] == ["Een grote pan"]
    assert data(lid.get("/api/needs?question=met_hulp"))["results"][0]["id"] == need.pk
    assert data(lid.get("/api/needs?question=zelf"))["count"] == 0
    assert_problem(lid.get("/api/connections"), 403)

    api = api_client(make_token(alice, collective))
    one, two = (factories.ResidentFactory(collective=collective) for _ in range(2))
    created = api.post(
        "/api/connections",
        {
            "resident_id": one.pk,
            "other_resident_id": two.pk,
            "kind": "burenhulp",
            "happened_on": "2026-11-20",
        },
    )
    assert created.status_code == 201, created.content
    assert Connection.objects.get(pk=data(created)["id"]).recorded_by == alice
    assert data(api.get("/api/connections?kind=burenhulp"))["count"] == 1
    stranger = factories.ResidentFactory()
    body = assert_problem(
        api.post(
            "/api/connections",
            {
                "resident_id": one.pk,
                "other_resident_id": stranger.pk,
                "kind": "burenhulp",
                "happened_on": "2026-11-20",
            },
        ),
        422,
    )
    assert {e["field"] for e in body["errors"]} == {"other_resident_id"}


@pytest.mark.django_db
def test_public_directory_needs_no_token_and_shows_only_the_published_profile(
    client, collective, other_collective
):
    collective.public_place, collective.public_teaser = "Rotterdam", "Samen aan de haven."
    collective.contact_email, collective.is_public = "geheim@example.org", True
    collective.save()
    listed = client.get("/api/directory")
    assert listed.status_code == 200
    body = data(listed)
    assert [m["slug"] for m in body["results"]] == [collective.slug]
    assert body["results"][0]["teaser"] == "Samen aan de haven."
    assert "geheim@example.org" not in listed.content.decode()
    assert data(client.get(f"/api/directory/{collective.slug}"))["place"] == "Rotterdam"
    assert_problem(client.get(f"/api/directory/{other_collective.slug}"), 404)


@pytest.mark.django_db
def test_throttle_per_token_answers_429(alice, collective, make_token, api_client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.KRING_API_RATE = 3
    api = api_client(make_token(alice, collective))
    other = api_client(make_token(alice, collective))
    assert [api.get("/api/needs").status_code for _ in range(3)] == [200] * 3
    response = api.get("/api/needs")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) >= 1
    assert other.get("/api/needs").status_code == 200  # per token
    cache.clear()


@pytest.mark.django_db
def test_unknown_addresses_and_methods_are_problem_details_too(
    alice, collective, make_token, api_client
):
    api = api_client(make_token(alice, collective))
    assert_problem(api.get("/api/nope"), 404)
    refused = assert_problem(api.put("/api/assets", {}), 405)
    assert "PUT" in refused["detail"]
    assert "GET" in api.put("/api/assets", {})["Allow"]
    assert_problem(api.get("/api/assets/abc"), 422)


@pytest.mark.django_db
def test_docs_page_uses_our_own_static_files_and_no_inline_script(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/api/docs.js" in html
    assert "<script>" not in html and "cdn" not in html.lower()
    schema = data(client.get("/api/openapi.json"))
    assert {"/api/assets", "/api/assets/{pk}", "/api/residents", "/api/directory"} <= set(
        schema["paths"]
    )
    assert schema["paths"]["/api/assets"]["post"]["summary"] == "Nieuwe kracht"
    errors = schema["paths"]["/api/assets"]["get"]["responses"]["401"]["content"]
    assert list(errors) == ["application/problem+json"]


@pytest.mark.django_db
def test_changing_a_story_through_the_api_keeps_its_tellers(
    bob, collective, make_token, api_client
):
    teller = factories.ResidentFactory(collective=collective, name="Ria de Vries")
    story = factories.StoryFactory(collective=collective, tellers=[teller])
    api = api_client(make_token(bob, collective))
    response = api.patch(f"/api/assets/{story.pk}", {"version": story.version, "title": "Nieuw"})
    assert response.status_code == 200, response.content
    story.refresh_from_db()
    assert story.title == "Nieuw" and list(story.tellers.all()) == [teller]

"""The gemeente's figures through the API: municipality tokens (made and revoked on the
municipality's own page, audited), the figures exactly as the dashboard shows them (through
``municipality_figures`` only), and the walls: another gemeente, collective tokens, and
municipality tokens on collective endpoints."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse

from kring.api import services
from kring.api.models import ApiToken
from kring.impact.aggregates import YEAR as WHOLE_YEAR
from kring.impact.aggregates import municipality_figures
from kring.privacy.models import AuditEntry

from .. import factories
from ..impact.world import YEAR, make_world

FIGURES = "/api/municipality/figures"
AREAS = "/api/municipality/areas"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def world(db, municipality):
    return make_world(municipality)


def test_token_page_round_trip_with_audit(client, official, world):
    client.force_login(official)
    page = reverse("api_tokens:municipality_list")
    assert client.get(page).status_code == 200
    answer = client.post(page, {"name": "dashboard", "days": "30"})
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    secret = answer.context["secret"]
    token = ApiToken.objects.get()
    assert token.municipality_id == official.municipality_id and token.collective_id is None
    assert token.scope == "lezen"
    assert AuditEntry.objects.filter(action="create", target_type="api.apitoken").count() == 1

    client.logout()
    figures = client.get(FIGURES, {"year": YEAR}, headers=_bearer(secret))
    assert figures.status_code == 200
    shown = municipality_figures(user=official, year=YEAR)
    data = figures.json()
    assert data["year"] == YEAR and data["area"]["key"] == "G"
    assert data["threshold"] == shown.threshold and data["rounding"] == shown.rounding
    for row in data["figures"]:
        expected = shown.get(row["indicator"], "G", WHOLE_YEAR)
        assert row["year"] == {
            "value": expected.value,
            "display": expected.display,
            "suppressed": not expected.shown,
        }
        assert len(row["months"]) == 12
    # The dashboard shows the same figures.
    client.force_login(official)
    dashboard = client.get(reverse("impact:dashboard"), {"year": YEAR})
    on_page = {r.indicator.key: r.total.display for r in dashboard.context["rows"]}
    assert on_page == {r["indicator"]: r["year"]["display"] for r in data["figures"]}
    # Some figures are hidden in this world, and say so.
    every = [r["year"] for r in data["figures"]] + [m for r in data["figures"] for m in r["months"]]
    hidden = [f for f in every if f["suppressed"]]
    assert hidden and all(f["value"] is None for f in hidden)
    assert any(f["display"] == f"<{shown.threshold}" for f in hidden)
    assert all(f["value"] % shown.rounding == 0 for f in every if not f["suppressed"])
    # "Hoe berekend": every social value with its inputs.
    for value in data["social_value"]:
        assert {"count_display", "value_per_unit", "deadweight", "attribution"} <= set(value)

    revoke = reverse("api_tokens:municipality_revoke", args=[token.pk])
    assert client.post(revoke).status_code == 302
    assert AuditEntry.objects.filter(action="delete", target_type="api.apitoken").count() == 1
    client.logout()
    assert client.get(FIGURES, headers=_bearer(secret)).status_code == 401


def test_every_area_and_a_comparison(client, official, world):
    _token, secret = services.create_municipality_token(user=official, name="t", days=1)
    areas = client.get(AREAS, {"year": YEAR}, headers=_bearer(secret)).json()["areas"]
    assert {a["level"] for a in areas} == {"gemeente", "wijk", "buurt", "collectief"}
    shown = municipality_figures(user=official, year=YEAR)
    for area in areas:
        data = client.get(
            FIGURES,
            {"year": YEAR, "compare": YEAR - 1, "area": area["key"]},
            headers=_bearer(secret),
        ).json()
        assert data["compare"] == YEAR - 1
        for row in data["figures"]:
            assert row["year"]["display"] == shown.get(row["indicator"], area["key"]).display
            assert row["compare"] is not None
    assert client.get(FIGURES, {"area": "B:999999"}, headers=_bearer(secret)).status_code == 404
    assert client.get(FIGURES, {"area": "x"}, headers=_bearer(secret)).status_code in (400, 422)
    assert client.get(FIGURES, {"year": 1950}, headers=_bearer(secret)).status_code == 404


def test_another_gemeente_never_sees_these_figures(client, world):
    other = factories.UserFactory(municipality=factories.MunicipalityFactory())
    _token, secret = services.create_municipality_token(user=other, name="t", days=1)
    data = client.get(AREAS, {"year": YEAR}, headers=_bearer(secret)).json()
    labels = {a["label"] for a in data["areas"]}
    assert not labels & {c.name for c in world["collectives"]}
    assert not any(a["level"] == "collectief" for a in data["areas"])
    # A municipality user who moves to another gemeente loses the old token at once.
    _token, secret = services.create_municipality_token(user=other, name="t2", days=1)
    other.municipality = factories.MunicipalityFactory()
    other.save()
    assert client.get(AREAS, headers=_bearer(secret)).status_code == 401


def test_collective_tokens_get_403_and_municipality_tokens_404_on_collective_data(
    client, official, alice, collective, make_token, world
):
    collective_secret = make_token(alice, collective)
    assert client.get(FIGURES, headers=_bearer(collective_secret)).status_code == 403
    assert client.get(AREAS, headers=_bearer(collective_secret)).status_code == 403
    _token, secret = services.create_municipality_token(user=official, name="t", days=1)
    for url in ("/api/assets", "/api/residents", "/api/initiatives", "/api/connections"):
        assert client.get(url, headers=_bearer(secret)).status_code == 404, url
    asset = factories.AssetFactory(collective=collective)
    url = f"/api/assets/{asset.pk}"
    assert client.get(url, headers=_bearer(secret)).status_code == 404
    assert client.delete(url, headers=_bearer(secret)).status_code == 404
    assert type(asset).objects.filter(pk=asset.pk).exists()


def test_only_municipality_users_have_the_token_page(client, alice, collective):
    client.force_login(alice)
    assert client.get(reverse("api_tokens:municipality_list")).status_code == 404
    with pytest.raises(PermissionError):
        services.create_municipality_token(user=alice, name="t", days=1)


def test_a_bad_token_form_answers_400_and_keeps_the_name(client, official):
    client.force_login(official)
    answer = client.post(reverse("api_tokens:municipality_list"), {"name": "mijn koppeling"})
    assert answer.status_code == 400
    assert "mijn koppeling" in answer.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_has_exactly_one_scope(official, alice, collective):
    base = {"name": "x", "prefix": "kring_x", "expires_at": "2030-01-01T00:00Z"}
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(user=alice, token_hash="a" * 64, **base)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(
            user=alice,
            collective=collective,
            municipality=official.municipality,
            token_hash="b" * 64,
            **base,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ApiToken.objects.create(
            user=official,
            municipality=official.municipality,
            scope="schrijven",
            token_hash="c" * 64,
            **base,
        )


def test_etag_answers_304(client, official, world):
    _token, secret = services.create_municipality_token(user=official, name="t", days=1)
    first = client.get(FIGURES, {"year": YEAR}, headers=_bearer(secret))
    again = client.get(
        FIGURES, {"year": YEAR}, headers={**_bearer(secret), "If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
